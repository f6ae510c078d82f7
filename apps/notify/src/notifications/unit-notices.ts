import { randomUUID } from 'node:crypto';
import type { Tx } from '#common';
import { Notification } from '../database/notification.entity.js';

export interface UnitNotice {
  petitionId: string;
  unitCode: string;
  template: string;
  variables: Record<string, string>;
}

/** Stores a notice to a unit and queues its delivery, in the caller's transaction. */
export function noticeToUnit(tx: Tx, notice: UnitNotice): Promise<void> {
  return noticesToUnits(tx, [notice]);
}

/** Many notices at once (the deadline sweep's batches): one insert, a delivery job each. */
export async function noticesToUnits(tx: Tx, notices: UnitNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const notifications = notices.map((notice): Omit<Notification, 'createdAt'> => ({
    id: randomUUID(),
    petitionId: notice.petitionId,
    channel: 'log',
    recipientKind: 'UNIT',
    recipient: notice.unitCode,
    template: notice.template,
    variables: notice.variables,
    status: 'PENDING',
    sentAt: null,
  }));
  await tx.manager.insert(Notification, notifications);
  for (const { id } of notifications) {
    await tx.publish('notification.dispatch', { notificationId: id });
  }
}
