import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { NotificationDelivery } from './notification-delivery.js';

@Injectable()
export class NotificationDispatchHandler {
  constructor(private readonly delivery: NotificationDelivery) {}

  @OnJob('notification.dispatch')
  async onDispatch({ notificationId }: JobPayload<'notification.dispatch'>, tx: Tx) {
    await this.delivery.deliver(tx, notificationId);
  }
}
