import { Module } from '@nestjs/common';
import { PersonalDataModule } from '#common';
import { ChannelsModule } from '../channels/channels.module.js';
import { DutyModule } from '../duty/duty.module.js';
import { AwaitingStaffHandler } from './awaiting-staff.handler.js';
import { DeliveryReceiptsService } from './delivery-receipts.service.js';
import { HotspotNoticeHandler } from './hotspot-notice.handler.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationDispatchHandler } from './notification-dispatch.handler.js';
import { NotificationRetriesTask } from './notification-retries.task.js';
import { PetitionerUpdatesService } from './petitioner-updates.service.js';
import { PhoneVerificationHandler } from './phone-verification.handler.js';
import { ReceiptNoticeHandler } from './receipt-notice.handler.js';
import { RepeatNoticeHandler } from './repeat-notice.handler.js';
import { CallbackTokenPipe, SmsReceiptsController } from './sms-receipts.controller.js';

@Module({
  imports: [ChannelsModule, DutyModule, PersonalDataModule],
  controllers: [SmsReceiptsController],
  providers: [
    CallbackTokenPipe,
    DeliveryReceiptsService,
    NotificationDeliveryService,
    NotificationRetriesTask,
    NotificationDispatchHandler,
    ReceiptNoticeHandler,
    RepeatNoticeHandler,
    HotspotNoticeHandler,
    PhoneVerificationHandler,
    AwaitingStaffHandler,
    PetitionerUpdatesService,
  ],
  exports: [PetitionerUpdatesService],
})
export class NotificationsModule {}
