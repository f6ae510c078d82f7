import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Transactions, type Tx } from '#common';
import type { DeliveryReceipt } from '../channels/channel.js';
import { DeliveryChannels } from '../channels/delivery-channels.js';
import { recordEvent } from './notification-events.js';

/** Receipts whose message is unknown after this long are dropped (not ours, or long gone). */
const KEEP_UNMATCHED_DAYS = 7;
const BATCH_SIZE = 500;

interface Aggregate {
  status: string;
  petition_id: string;
  channel: string;
  template: string;
  recipient_kind: string;
  provider: string | null;
  total: number;
  delivered: number;
  failure: string | null;
  reported_at: Date | null;
}

/**
 * Applies stored receipts to the parts they name, then settles the notifications concerned.
 * Only `messages` are looked at when given (a receipt just stored, a send just recorded);
 * otherwise a batch of any receipts still waiting for their message.
 */
export async function applyReceipts(
  tx: Tx,
  messages?: { provider: string; messageIds: string[] },
): Promise<number> {
  const rows = await tx.manager.query<{ notification_id: string }[]>(
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
    messages ? [BATCH_SIZE, messages.provider, messages.messageIds] : [BATCH_SIZE],
  );
  for (const { notification_id: id } of rows) await settle(tx, id);
  return rows.length;
}

/**
 * A sent notification is DELIVERED once every part is, and FAILED as soon as one part is
 * reported undeliverable (the handset cannot show the text whole). Neither is sent again.
 */
async function settle(tx: Tx, notificationId: string): Promise<void> {
  await tx.manager.query(`SELECT 1 FROM notify.notification WHERE id = $1 FOR UPDATE`, [
    notificationId,
  ]);
  const [parts] = await tx.manager.query<Aggregate[]>(
    `SELECT n.status, n.petition_id, n.channel, n.template, n.recipient_kind, n.provider,
            count(*)::int AS total,
            count(*) FILTER (WHERE pm.state = 'DELIVERED')::int AS delivered,
            min(pm.error_code) FILTER (WHERE pm.state = 'FAILED') AS failure,
            max(pm.reported_at) AS reported_at
     FROM notify.notification n JOIN notify.provider_message pm ON pm.notification_id = n.id
     WHERE n.id = $1 GROUP BY n.id`,
    [notificationId],
  );
  if (!parts || !['SENT', 'UNCONFIRMED'].includes(parts.status)) return;
  if (parts.failure !== null) {
    await tx.manager.query(
      `UPDATE notify.notification SET status = 'FAILED', error_code = $2 WHERE id = $1`,
      [notificationId, parts.failure],
    );
    await recordEvent(tx.manager, {
      notificationId,
      event: 'FAILED',
      provider: parts.provider,
      errorCode: parts.failure,
    });
    await tx.recordTimeline({
      petitionId: parts.petition_id,
      type: 'notification.failed',
      visibleToPetitioner: false,
      data: {
        channel: parts.channel,
        template: parts.template,
        recipientKind: parts.recipient_kind,
        errorCode: parts.failure,
      },
    });
  } else if (parts.delivered === parts.total) {
    await tx.manager.query(
      `UPDATE notify.notification SET status = 'DELIVERED', delivered_at = $2, error_code = NULL
       WHERE id = $1`,
      [notificationId, parts.reported_at],
    );
    await recordEvent(tx.manager, {
      notificationId,
      event: 'DELIVERED',
      provider: parts.provider,
    });
  }
}

/**
 * Delivery receipts, from SMPP deliver_sm and the cloud providers' callbacks: each is stored
 * first (so one that comes before its send is recorded waits for it), then applied. A receipt
 * repeated by the provider is ignored.
 */
@Injectable()
export class DeliveryReceipts implements OnModuleInit {
  private readonly logger = new Logger(DeliveryReceipts.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly channels: DeliveryChannels,
  ) {}

  onModuleInit() {
    this.channels.onReceipt((receipt) => this.record([receipt]));
  }

  async record(receipts: DeliveryReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    await this.transactions.run(async (tx) => {
      await tx.manager.query(
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
      // A provider that echoes our id (Alibaba Cloud's out_id) names a message whose send was
      // never recorded (notify died while the provider had it): the receipt settles it.
      await tx.manager.query(
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
      for (const [provider, messageIds] of groupByProvider(receipts)) {
        await applyReceipts(tx, { provider, messageIds });
      }
    });
  }

  /** Receipts that came before their send was recorded; old unknown ones are dropped. */
  async applyWaiting(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const [dropped] = await tx.manager.query<{ count: number }[]>(
        `WITH dropped AS (
           DELETE FROM notify.delivery_receipt
           WHERE applied_at IS NULL AND received_at < now() - $1 * interval '1 day' RETURNING 1)
         SELECT count(*)::int AS count FROM dropped`,
        [KEEP_UNMATCHED_DAYS],
      );
      if (dropped && dropped.count > 0) {
        this.logger.warn(`${dropped.count} delivery receipts matched no message and were dropped`);
      }
      return applyReceipts(tx);
    });
  }
}

function groupByProvider(receipts: DeliveryReceipt[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const receipt of receipts) {
    groups.set(receipt.provider, [...(groups.get(receipt.provider) ?? []), receipt.messageId]);
  }
  return groups;
}
