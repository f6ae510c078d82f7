import { Module } from '@nestjs/common';
import { CaseHandlingService } from './case-handling.service.js';
import { ExtensionsController } from './extensions.controller.js';
import { ExtensionsService } from './extensions.service.js';
import { ReplyEvaluationHandler } from './reply-evaluation.handler.js';
import { ResponsibleLeaderController } from './responsible-leader.controller.js';
import { ResponsibleLeaderService } from './responsible-leader.service.js';
import { ReviewRequestHandler } from './review-request.handler.js';
import { CaseTransferController, TransfersController } from './transfers.controller.js';
import { TransfersService } from './transfers.service.js';
import { WorkbenchController } from './workbench.controller.js';
import { WorkbenchListService } from './workbench-list.service.js';

@Module({
  controllers: [
    WorkbenchController,
    CaseTransferController,
    ExtensionsController,
    ResponsibleLeaderController,
    TransfersController,
  ],
  providers: [
    WorkbenchListService,
    CaseHandlingService,
    TransfersService,
    ExtensionsService,
    ResponsibleLeaderService,
    ReviewRequestHandler,
    ReplyEvaluationHandler,
  ],
})
export class WorkbenchModule {}
