import { randomUUID } from 'node:crypto';
import type { Tx } from '#common';
import {
  Notification,
  type NotificationChannel,
  type RecipientKind,
} from '../database/notification.entity.js';
import { checkVariables } from './templates.js';

export interface NoticeRecord {
  petitionId: string;
  channel: NotificationChannel;
  recipientKind: RecipientKind;
  recipient: string;
  template: string;
  variables: Record<string, string>;
}

/** Stores a notice and queues its delivery, in the caller's transaction. */
export async function storeNotice(tx: Tx, notice: NoticeRecord): Promise<void> {
  checkVariables(notice.template, notice.variables);
  const notification: Omit<Notification, 'createdAt'> = {
    id: randomUUID(),
    ...notice,
    status: 'PENDING',
    sentAt: null,
    attempts: 0,
    nextAttemptAt: null,
    errorCode: null,
    providerMessageId: null,
  };
  await tx.manager.insert(Notification, notification);
  await tx.publish('notification.dispatch', { notificationId: notification.id });
}
