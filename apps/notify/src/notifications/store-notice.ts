import { randomUUID } from 'node:crypto';
import type { Tx } from '#common';
import {
  Notification,
  type NotificationChannel,
  type RecipientKind,
} from '../database/notification.entity.js';
import { recordEvents } from './notification-events.js';
import { checkVariables, type Locale } from './templates.js';

export interface NoticeRecord {
  petitionId: string;
  channel: NotificationChannel;
  recipientKind: RecipientKind;
  recipient: string;
  template: string;
  variables: Record<string, string>;
  locale?: Locale;
  /** Of a unit's notice: only its staff with this role see it in the inbox. */
  audienceRole?: string;
  /** The staff account a duty page is for. */
  staffId?: string | null;
  urgentAlertId?: string;
}

/** Stores a notice and queues its delivery, in the caller's transaction; returns its id. */
export async function storeNotice(tx: Tx, notice: NoticeRecord): Promise<string> {
  const [id] = await storeNotices(tx, [notice]);
  return id ?? '';
}

/** Stores notices with one insert, starts their histories and queues a delivery job for each. */
export async function storeNotices(tx: Tx, notices: NoticeRecord[]): Promise<string[]> {
  if (notices.length === 0) return [];
  const notifications = notices.map((notice): Omit<Notification, 'createdAt'> => {
    checkVariables(notice.template, notice.variables);
    return {
      id: randomUUID(),
      petitionId: notice.petitionId,
      channel: notice.channel,
      recipientKind: notice.recipientKind,
      recipient: notice.recipient,
      template: notice.template,
      variables: notice.variables,
      locale: notice.locale ?? 'zh-CN',
      audienceRole: notice.audienceRole ?? null,
      staffId: notice.staffId ?? null,
      urgentAlertId: notice.urgentAlertId ?? null,
      status: 'PENDING',
      sentAt: null,
      attempts: 0,
      nextAttemptAt: null,
      errorCode: null,
      providerMessageId: null,
      provider: null,
      sendingAt: null,
      deliveredAt: null,
    };
  });
  await tx.manager.insert(Notification, notifications);
  await recordEvents(
    tx.manager,
    notifications.map((n) => ({ notificationId: n.id, event: 'QUEUED' })),
  );
  for (const { id } of notifications) {
    await tx.publish('notification.dispatch', { notificationId: id });
  }
  return notifications.map((n) => n.id);
}
