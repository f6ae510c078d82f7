import type { Tx } from '#common';
import { recordDispatches } from './dispatch.repository.js';

/**
 * Queues a dispatch job for each notification, in the caller's transaction, and notes which job
 * it is, so that the retry sweep can tell a notification whose job was lost.
 */
export async function queueDispatches(tx: Tx, notificationIds: string[]): Promise<void> {
  if (notificationIds.length === 0) return;
  const dispatches: { notificationId: string; messageId: string }[] = [];
  for (const notificationId of notificationIds) {
    const messageId = await tx.publish('notification.dispatch', { notificationId });
    dispatches.push({ notificationId, messageId });
  }
  await recordDispatches(tx.manager, dispatches);
}
