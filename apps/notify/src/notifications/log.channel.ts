import { Injectable, Logger } from '@nestjs/common';
import type { Notification } from '../database/notification.entity.js';

/**
 * The first channel: writes the delivery to the service log. Recipients here are units, and
 * only ids and codes are written, so no personal data reaches the log.
 */
@Injectable()
export class LogChannel {
  private readonly logger = new Logger('notification');

  send(notification: Notification): Promise<void> {
    this.logger.log({
      msg: 'notification delivered',
      notificationId: notification.id,
      template: notification.template,
      recipientKind: notification.recipientKind,
      recipient: notification.recipient,
      variables: notification.variables,
    });
    return Promise.resolve();
  }
}
