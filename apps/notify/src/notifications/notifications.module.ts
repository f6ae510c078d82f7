import { Module } from '@nestjs/common';
import { personalDataCipherProvider } from '#common';
import { ChannelsModule } from '../channels/channels.module.js';
import { DutyModule } from '../duty/duty.module.js';
import { DeliveryReceipts } from './delivery-receipts.js';
import { HotspotNoticeHandler } from './hotspot-notice.handler.js';
import { NotificationDelivery } from './notification-delivery.js';
import { NotificationDispatchHandler } from './notification-dispatch.handler.js';
import { NotificationRetries } from './notification-retries.js';
import { ReceiptNoticeHandler } from './receipt-notice.handler.js';
import { RepeatNoticeHandler } from './repeat-notice.handler.js';
import { CallbackTokenPipe, SmsReceiptsController } from './sms-receipts.controller.js';

@Module({
  imports: [ChannelsModule, DutyModule],
  controllers: [SmsReceiptsController],
  providers: [
    personalDataCipherProvider,
    CallbackTokenPipe,
    DeliveryReceipts,
    NotificationDelivery,
    NotificationRetries,
    NotificationDispatchHandler,
    ReceiptNoticeHandler,
    RepeatNoticeHandler,
    HotspotNoticeHandler,
  ],
})
export class NotificationsModule {}
