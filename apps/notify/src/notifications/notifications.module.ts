import { Module } from '@nestjs/common';
import { LogChannel } from './log.channel.js';
import { NotificationDispatchHandler } from './notification-dispatch.handler.js';

@Module({ providers: [LogChannel, NotificationDispatchHandler] })
export class NotificationsModule {}
