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
export async function noticeToUnit(tx: Tx, notice: UnitNotice): Promise<void> {
  const notification: Omit<Notification, 'createdAt'> = {
    id: randomUUID(),
    petitionId: notice.petitionId,
    channel: 'log',
    recipientKind: 'UNIT',
    recipient: notice.unitCode,
    template: notice.template,
    variables: notice.variables,
    status: 'PENDING',
    sentAt: null,
  };
  await tx.manager.insert(Notification, notification);
  await tx.publish('notification.dispatch', { notificationId: notification.id });
}
