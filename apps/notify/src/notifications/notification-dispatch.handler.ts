import { Injectable } from '@nestjs/common';
import { notificationMetrics, OnJob, type JobPayload, type Tx } from '#common';
import { Notification } from '../database/notification.entity.js';
import { LogChannel } from './log.channel.js';

@Injectable()
export class NotificationDispatchHandler {
  constructor(private readonly logChannel: LogChannel) {}

  @OnJob('notification.dispatch')
  async onDispatch({ notificationId }: JobPayload<'notification.dispatch'>, tx: Tx) {
    // Lock the row: a second delivery attempt waits, then sees SENT and stops.
    const notification = await tx.manager.findOne(Notification, {
      where: { id: notificationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!notification) throw new Error(`notification ${notificationId} not found`);
    if (notification.status === 'SENT') return;
    await this.logChannel.send(notification);
    notificationMetrics.attempted(tx, notification.channel, 'log', 'sent'); // metrics
    const sentAt = new Date();
    await tx.manager.update(Notification, { id: notificationId }, { status: 'SENT', sentAt });
    await tx.recordTimeline({
      petitionId: notification.petitionId,
      type: 'notification.sent',
      occurredAt: sentAt,
      visibleToPetitioner: false,
      data: { channel: notification.channel, template: notification.template },
    });
  }
}
