import type { EntityManager } from 'typeorm';
import { Notification } from '../database/notification.entity.js';

/** notify.notification: each notice and where its delivery stands. */

export async function insertNotifications(
  manager: EntityManager,
  notifications: Omit<Notification, 'createdAt'>[],
): Promise<void> {
  await manager.insert(Notification, notifications);
}

/** The notification, locked until the commit. */
export function lockNotification(manager: EntityManager, id: string): Promise<Notification | null> {
  return manager.findOne(Notification, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

export async function updateNotification(
  manager: EntityManager,
  id: string,
  changes: Partial<Notification>,
): Promise<void> {
  await manager.update(Notification, { id }, changes);
}

/** A claimed notification that was never handed over waits for its retry again. */
export async function releaseClaim(
  manager: EntityManager,
  id: string,
  errorCode: string,
  delayMs: number,
): Promise<void> {
  await manager.query(
    `UPDATE notify.notification SET status = 'PENDING', error_code = $2,
       next_attempt_at = now() + $3 * interval '1 millisecond'
     WHERE id = $1 AND status = 'SENDING'`,
    [id, errorCode, delayMs],
  );
}

/** A failed attempt to try again after `delayMs`. */
export async function scheduleRetry(
  manager: EntityManager,
  id: string,
  retry: { errorCode: string; provider: string | null; delayMs: number },
): Promise<void> {
  await manager.query(
    `UPDATE notify.notification SET status = 'PENDING', error_code = $2, provider = $3,
       next_attempt_at = now() + $4 * interval '1 millisecond'
     WHERE id = $1`,
    [id, retry.errorCode, retry.provider, retry.delayMs],
  );
}

/**
 * Up to `limit` PENDING notifications whose retry is due, oldest first, locked (those another
 * replica holds skipped), with their retry time cleared; returns their ids.
 */
export async function takeDueRetries(manager: EntityManager, limit: number): Promise<string[]> {
  const due = await manager.query<{ id: string }[]>(
    `SELECT id FROM notify.notification
     WHERE status = 'PENDING' AND next_attempt_at <= now()
     ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  const ids = due.map((row) => row.id);
  if (ids.length > 0) {
    await manager.query(
      `UPDATE notify.notification SET next_attempt_at = NULL WHERE id = ANY ($1)`,
      [ids],
    );
  }
  return ids;
}

/** Up to `limit` sends left SENDING longer than `afterMs` become UNCONFIRMED; returns them. */
export function markStaleUnconfirmed(
  manager: EntityManager,
  afterMs: number,
  limit: number,
): Promise<{ id: string; attempts: number; provider: string }[]> {
  return manager.query(
    // In a CTE: a bare UPDATE … RETURNING comes back from TypeORM as [rows, count].
    `WITH stale AS (
       UPDATE notify.notification SET status = 'UNCONFIRMED', error_code = 'NO_PROVIDER_ANSWER'
       WHERE id IN (
         SELECT id FROM notify.notification
         WHERE status = 'SENDING' AND sending_at < now() - $1 * interval '1 millisecond'
         LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, attempts, provider)
     SELECT * FROM stale`,
    [afterMs, limit],
  );
}

/** A receipt reported a part undeliverable. */
export async function settleFailed(
  manager: EntityManager,
  id: string,
  errorCode: string,
): Promise<void> {
  await manager.query(
    `UPDATE notify.notification SET status = 'FAILED', error_code = $2 WHERE id = $1`,
    [id, errorCode],
  );
}

/** Every part was delivered, the last at `at`. */
export async function settleDelivered(
  manager: EntityManager,
  id: string,
  at: Date | null,
): Promise<void> {
  await manager.query(
    `UPDATE notify.notification SET status = 'DELIVERED', delivered_at = $2, error_code = NULL
     WHERE id = $1`,
    [id, at],
  );
}

/** The urgent alert a duty page belongs to, and whose page it is. */
export async function pageOf(
  manager: EntityManager,
  id: string,
): Promise<{ urgent_alert_id: string | null; staff_id: string | null } | undefined> {
  const [page] = await manager.query<{ urgent_alert_id: string | null; staff_id: string | null }[]>(
    `SELECT urgent_alert_id, staff_id FROM notify.notification WHERE id = $1`,
    [id],
  );
  return page;
}

/** A notification's status and case, locked until the commit. */
export async function lockStatus(
  manager: EntityManager,
  id: string,
): Promise<{ status: string; petition_id: string } | undefined> {
  const [row] = await manager.query<{ status: string; petition_id: string }[]>(
    `SELECT status, petition_id FROM notify.notification WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row;
}

/** PENDING again, with its attempts counted anew. */
export async function resetForResend(manager: EntityManager, id: string): Promise<void> {
  await manager.query(
    `UPDATE notify.notification SET status = 'PENDING', attempts = 0, error_code = NULL,
       next_attempt_at = NULL, sending_at = NULL
     WHERE id = $1`,
    [id],
  );
}
