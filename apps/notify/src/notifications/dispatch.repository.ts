import type { EntityManager } from 'typeorm';

export interface AwaitingDispatch {
  id: string;
  /** The outbox message (and BullMQ job) that last dispatched it, if any. */
  dispatch_message_id: string | null;
  /** That message still waits in the outbox for Redis: its job is not lost. */
  unpublished: boolean;
}

/** Notes the job just queued to dispatch each notification. */
export async function recordDispatches(
  manager: EntityManager,
  dispatches: { notificationId: string; messageId: string }[],
): Promise<void> {
  await manager.query(
    `UPDATE notify.notification n SET dispatch_message_id = d.message_id, dispatch_seen_at = now()
     FROM unnest($1::uuid[], $2::uuid[]) AS d(id, message_id) WHERE n.id = d.id`,
    [dispatches.map((d) => d.notificationId), dispatches.map((d) => d.messageId)],
  );
}

/**
 * PENDING notifications due now whose dispatch job has not been seen for `afterMs`, locked
 * (SKIP LOCKED, so replicas share them and one being sent is left alone).
 */
export function awaitingDispatch(
  manager: EntityManager,
  afterMs: number,
  limit: number,
): Promise<AwaitingDispatch[]> {
  return manager.query<AwaitingDispatch[]>(
    `SELECT n.id, n.dispatch_message_id, (o.id IS NOT NULL AND o.published_at IS NULL) AS unpublished
     FROM notify.notification n LEFT JOIN notify.outbox o ON o.id = n.dispatch_message_id
     WHERE n.status = 'PENDING' AND n.next_attempt_at IS NULL
       AND coalesce(n.dispatch_seen_at, n.created_at) < now() - $1 * interval '1 millisecond'
     ORDER BY coalesce(n.dispatch_seen_at, n.created_at) LIMIT $2 FOR UPDATE OF n SKIP LOCKED`,
    [afterMs, limit],
  );
}

/** Their dispatch jobs exist (waiting in a backlog, say): look again after another while. */
export async function markDispatchSeen(manager: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(
    `UPDATE notify.notification SET dispatch_seen_at = now() WHERE id = ANY ($1)`,
    [ids],
  );
}
