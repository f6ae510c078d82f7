import { Module } from '@nestjs/common';
import { DutyModule } from '../duty/duty.module.js';
import { DeadLettersService } from './dead-letters.service.js';
import { NotificationsController } from './notifications.controller.js';
import { StaffInboxService } from './staff-inbox.service.js';

/** The staff inbox and the operators' view of notifications that did not go out. */
@Module({
  imports: [DutyModule],
  controllers: [NotificationsController],
  providers: [StaffInboxService, DeadLettersService],
})
export class InboxModule {}
