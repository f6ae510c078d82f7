import { Module } from '@nestjs/common';
import { OverdueDeadlineHandler } from './overdue-deadline.handler.js';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionService } from './supervision.service.js';

@Module({
  controllers: [SupervisionController],
  providers: [SupervisionService, OverdueDeadlineHandler],
})
export class SupervisionModule {}
