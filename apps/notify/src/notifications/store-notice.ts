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
export function storeNotice(tx: Tx, notice: NoticeRecord): Promise<void> {
  return storeNotices(tx, [notice]);
}

/** Stores notices with one insert and queues a delivery job for each. */
export async function storeNotices(tx: Tx, notices: NoticeRecord[]): Promise<void> {
  if (notices.length === 0) return;
  const notifications = notices.map((notice): Omit<Notification, 'createdAt'> => {
    checkVariables(notice.template, notice.variables);
    return {
      id: randomUUID(),
      ...notice,
      status: 'PENDING',
      sentAt: null,
      attempts: 0,
      nextAttemptAt: null,
      errorCode: null,
      providerMessageId: null,
    };
  });
  await tx.manager.insert(Notification, notifications);
  for (const { id } of notifications) {
    await tx.publish('notification.dispatch', { notificationId: id });
  }
}
