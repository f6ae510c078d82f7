import { type DynamicModule, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { AppConfig } from '../config/config.schema.js';
import { QueueName } from '../contract/queues.js';
import { bullConnection, closeBullConnection } from '../redis/redis-client.js';
import { bullTelemetry } from '../telemetry/tracing.js';
import { JobRedriver } from './job-redriver.js';
import { JobWorker } from './job-worker.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { OutboxRelay } from './outbox-relay.js';
import { ProcessedMessagePurge } from './processed-message-purge.js';
import { Transactions } from './transactions.js';

/** The producers' connection; one the service opened (a Cluster client) it closes at shutdown. */
@Injectable()
class QueueConnection implements OnApplicationShutdown {
  // Producers fail fast when Redis is away; the outbox keeps the message meanwhile.
  readonly connection: ReturnType<typeof bullConnection>;

  constructor(config: ConfigService<AppConfig, true>) {
    this.connection = bullConnection(config.get('REDIS_URL', { infer: true }), {
      enableOfflineQueue: false,
    });
  }

  async onApplicationShutdown() {
    await closeBullConnection(this.connection);
  }
}

@Module({ providers: [QueueConnection], exports: [QueueConnection] })
class QueueConnectionModule {}

/**
 * Reliable messaging for one service: its outbox, its relay, the worker of its queue, and the
 * redriver of the jobs an outage failed.
 */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          imports: [QueueConnectionModule],
          inject: [ConfigService, QueueConnection],
          useFactory: (config: ConfigService<AppConfig, true>, queues: QueueConnection) => ({
            connection: queues.connection,
            prefix: config.get('QUEUE_PREFIX', { infer: true }),
            telemetry: bullTelemetry(),
            defaultJobOptions: {
              attempts: config.get('JOB_ATTEMPTS', { infer: true }),
              backoff: {
                type: 'exponential',
                delay: config.get('JOB_BACKOFF_MS', { infer: true }),
              },
              // Completed jobs are kept a day so a re-publish of the same id is recognised.
              removeOnComplete: { age: 24 * 3600, count: 100_000 },
              removeOnFail: { age: 30 * 24 * 3600 },
            },
          }),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
      ],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        OutboxRelay,
        Transactions,
        JobWorker,
        JobRedriver,
        ProcessedMessagePurge,
      ],
      exports: [Transactions, OutboxRelay, MESSAGING_OPTIONS, BullModule],
    };
  }
}
