import { Module } from '@nestjs/common';
import { LogChannel } from './log.channel.js';
import { HotspotNoticeHandler } from './hotspot-notice.handler.js';
import { NotificationDispatchHandler } from './notification-dispatch.handler.js';
import { RepeatNoticeHandler } from './repeat-notice.handler.js';
import { SupervisionNoticeHandler } from './supervision-notice.handler.js';

@Module({
  providers: [
    LogChannel,
    NotificationDispatchHandler,
    RepeatNoticeHandler,
    HotspotNoticeHandler,
    SupervisionNoticeHandler,
  ],
})
export class NotificationsModule {}
