import { randomUUID } from 'node:crypto';
import type { Tx } from '#common';
import type {
  Notification,
  NotificationChannel,
  RecipientKind,
} from '../database/notification.entity.js';
import { queueDispatches } from './notification-dispatches.js';
import { recordEvents } from './notification-event.repository.js';
import { insertNotifications } from './notification.repository.js';
import { renderStored, type Locale } from './templates.js';

export interface NoticeRecord {
  petitionId: string | null;
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
    const locale = notice.locale ?? 'zh-CN';
    // Also checks the variables, so that a bad notice fails where it is made.
    const shown = renderStored(notice.template, notice.variables, locale);
    return {
      id: randomUUID(),
      petitionId: notice.petitionId,
      channel: notice.channel,
      recipientKind: notice.recipientKind,
      recipient: notice.recipient,
      template: notice.template,
      variables: notice.variables,
      subject: shown.subject,
      text: shown.text,
      locale,
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
  await insertNotifications(tx.manager, notifications);
  await recordEvents(
    tx.manager,
    notifications.map((n) => ({ notificationId: n.id, event: 'QUEUED' })),
  );
  await queueDispatches(
    tx,
    notifications.map((n) => n.id),
  );
  return notifications.map((n) => n.id);
}
