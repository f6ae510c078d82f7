import { Module } from '@nestjs/common';
import { DutyModule } from '../duty/duty.module.js';
import { DeadLetters } from './dead-letters.js';
import { NotificationsController } from './notifications.controller.js';
import { StaffInbox } from './staff-inbox.js';

/** The staff inbox and the operators' view of notifications that did not go out. */
@Module({
  imports: [DutyModule],
  controllers: [NotificationsController],
  providers: [StaffInbox, DeadLetters],
})
export class InboxModule {}
