import type { EntityManager } from 'typeorm';
import type { DeliveryReceipt } from '../channels/channel.js';

/** notify.provider_message (the parts a provider took) and notify.delivery_receipt. */

/** The parts of a send, by the ids the provider gave them. */
export async function recordParts(
  manager: EntityManager,
  provider: string,
  notificationId: string,
  partIds: string[],
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.provider_message (provider, message_id, notification_id, part)
     SELECT $1, id, $2, part FROM unnest($3::text[]) WITH ORDINALITY AS p(id, part)
     ON CONFLICT DO NOTHING`,
    [provider, notificationId, partIds],
  );
}

/** An earlier send's parts, which a send again must not be settled by. */
export async function forgetParts(manager: EntityManager, notificationId: string): Promise<void> {
  await manager.query(`DELETE FROM notify.provider_message WHERE notification_id = $1`, [
    notificationId,
  ]);
}

/** Stores receipts; one the provider repeats is ignored. */
export async function storeReceipts(
  manager: EntityManager,
  receipts: DeliveryReceipt[],
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.delivery_receipt
       (provider, message_id, state, error_code, notification_hint)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[])
     ON CONFLICT DO NOTHING`,
    [
      receipts.map((r) => r.provider),
      receipts.map((r) => r.messageId),
      receipts.map((r) => r.state),
      receipts.map((r) => r.errorCode),
      receipts.map((r) => r.notificationHint ?? null),
    ],
  );
}

/**
 * A receipt that names our notification (Alibaba Cloud's out_id) for a send never recorded
 * (SENDING or UNCONFIRMED, no parts) makes its message that notification's only part.
 */
export async function adoptHintedMessages(
  manager: EntityManager,
  receipts: DeliveryReceipt[],
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.provider_message (provider, message_id, notification_id, part)
     SELECT r.provider, r.message_id, n.id, 1
     FROM unnest($1::text[], $2::text[], $3::uuid[]) AS r (provider, message_id, hint)
     JOIN notify.notification n ON n.id = r.hint
     WHERE n.status IN ('SENDING', 'UNCONFIRMED')
       AND NOT EXISTS (SELECT 1 FROM notify.provider_message pm WHERE pm.notification_id = n.id)
     ON CONFLICT DO NOTHING`,
    [
      receipts.map((r) => r.provider),
      receipts.map((r) => r.messageId),
      receipts.map((r) => r.notificationHint ?? null),
    ],
  );
}

/**
 * Applies up to `limit` stored receipts to the parts they name (only those of `messages` when
 * given), receipts locked with SKIP LOCKED; returns the notifications concerned.
 */
export async function applyStoredReceipts(
  manager: EntityManager,
  limit: number,
  messages?: { provider: string; messageIds: string[] },
): Promise<string[]> {
  const rows = await manager.query<{ notification_id: string }[]>(
    `WITH due AS (
       SELECT r.provider, r.message_id FROM notify.delivery_receipt r
       JOIN notify.provider_message pm USING (provider, message_id)
       WHERE r.applied_at IS NULL AND pm.state IS NULL
         ${messages ? 'AND r.provider = $2 AND r.message_id = ANY ($3)' : ''}
       ORDER BY r.received_at LIMIT $1 FOR UPDATE OF r SKIP LOCKED),
     applied AS (
       UPDATE notify.provider_message pm
       SET state = r.state, error_code = r.error_code, reported_at = r.received_at
       FROM notify.delivery_receipt r JOIN due USING (provider, message_id)
       WHERE pm.provider = r.provider AND pm.message_id = r.message_id
       RETURNING pm.notification_id, pm.provider, pm.message_id),
     marked AS (
       UPDATE notify.delivery_receipt r SET applied_at = now() FROM applied a
       WHERE r.provider = a.provider AND r.message_id = a.message_id)
     SELECT DISTINCT notification_id FROM applied`,
    messages ? [limit, messages.provider, messages.messageIds] : [limit],
  );
  return rows.map((row) => row.notification_id);
}

export interface PartsReported {
  status: string;
  petition_id: string;
  channel: string;
  template: string;
  recipient_kind: string;
  provider: string | null;
  total: number;
  delivered: number;
  /** The error of a part reported undeliverable, if any. */
  failure: string | null;
  reported_at: Date | null;
}

/** Locks a sent notification and sums up what its parts' receipts reported. */
export async function lockPartsReported(
  manager: EntityManager,
  notificationId: string,
): Promise<PartsReported | undefined> {
  await manager.query(`SELECT 1 FROM notify.notification WHERE id = $1 FOR UPDATE`, [
    notificationId,
  ]);
  const [parts] = await manager.query<PartsReported[]>(
    `SELECT n.status, n.petition_id, n.channel, n.template, n.recipient_kind, n.provider,
            count(*)::int AS total,
            count(*) FILTER (WHERE pm.state = 'DELIVERED')::int AS delivered,
            min(pm.error_code) FILTER (WHERE pm.state = 'FAILED') AS failure,
            max(pm.reported_at) AS reported_at
     FROM notify.notification n JOIN notify.provider_message pm ON pm.notification_id = n.id
     WHERE n.id = $1 GROUP BY n.id`,
    [notificationId],
  );
  return parts;
}

/** Drops receipts unapplied for `days` days; returns how many. */
export async function dropUnmatchedReceipts(manager: EntityManager, days: number): Promise<number> {
  const [dropped] = await manager.query<{ count: number }[]>(
    `WITH dropped AS (
       DELETE FROM notify.delivery_receipt
       WHERE applied_at IS NULL AND received_at < now() - $1 * interval '1 day' RETURNING 1)
     SELECT count(*)::int AS count FROM dropped`,
    [days],
  );
  return dropped?.count ?? 0;
}
