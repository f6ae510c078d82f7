import { Module } from '@nestjs/common';
import { ReplyEvaluationHandler } from './reply-evaluation.handler.js';
import { ReviewRequestHandler } from './review-request.handler.js';
import { WorkbenchList } from './workbench-list.js';
import { TransfersController, WorkbenchController } from './workbench.controller.js';
import { WorkbenchService } from './workbench.service.js';

@Module({
  controllers: [WorkbenchController, TransfersController],
  providers: [WorkbenchService, WorkbenchList, ReviewRequestHandler, ReplyEvaluationHandler],
})
export class WorkbenchModule {}
