import { Injectable } from '@nestjs/common';
import { OnJob, type JobPayload, type Tx } from '#common';
import { NotificationDeliveryService } from './notification-delivery.service.js';

@Injectable()
export class NotificationDispatchHandler {
  constructor(private readonly delivery: NotificationDeliveryService) {}

  @OnJob('notification.dispatch')
  async onDispatch({ notificationId }: JobPayload<'notification.dispatch'>, tx: Tx) {
    await this.delivery.deliver(tx, notificationId);
  }
}
