import { Module } from '@nestjs/common';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { QueueName } from '../contract/queues.js';
import { BOARD_ROUTE, boardOptions, QueueBoardGate } from './queue-board.gate.js';

@Module({ providers: [QueueBoardGate], exports: [QueueBoardGate] })
class QueueBoardGateModule {}

/**
 * Bull Board at /admin/queues: every queue of the system, for admins (full) and supervisors
 * (read-only), behind QueueBoardGate. Mounted on routing only, whose login API the sign-in page
 * uses on the same origin.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [QueueBoardGateModule],
      inject: [QueueBoardGate],
      useFactory: (gate: QueueBoardGate) => ({
        route: BOARD_ROUTE,
        adapter: ExpressAdapter,
        middleware: gate.handle,
        boardOptions,
      }),
    }),
    BullBoardModule.forFeature(
      ...Object.values(QueueName).map((name) => ({ name, adapter: BullMQAdapter })),
    ),
  ],
})
export class QueueBoardModule {}
