import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactions, type AppConfig } from '#common';
import { PeriodicTask } from '../scheduling/periodic-task.js';
import { DeliveryReceipts } from './delivery-receipts.js';
import { recordEvents } from './notification-events.js';

const BATCH_SIZE = 100;

/**
 * The upkeep of notifications, on every replica: queues again those whose retry is due (or whose
 * quiet hours ended), gives up on sends the provider never answered (UNCONFIRMED: an operator
 * decides), and applies delivery receipts that came before their send was recorded. Rows are
 * claimed with SKIP LOCKED, so replicas share the work and a notification being sent right now
 * is left alone.
 */
@Injectable()
export class NotificationRetries extends PeriodicTask {
  private readonly pollMs: number;
  private readonly unconfirmedAfterMs: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly receipts: DeliveryReceipts,
    config: ConfigService<AppConfig, true>,
  ) {
    super(NotificationRetries.name);
    // Often enough that a retry is not much later than due; never busier than every 10 s.
    this.pollMs = Math.min(config.get('NOTIFICATION_RETRY_DELAY_MS', { infer: true }), 10_000);
    this.unconfirmedAfterMs = config.get('NOTIFICATION_UNCONFIRMED_AFTER_MS', { infer: true });
  }

  protected override nextDelay() {
    return this.pollMs;
  }

  protected override async runOnce() {
    while (!this.stopping && (await this.queueDue()) === BATCH_SIZE);
    await this.markUnconfirmed();
    await this.receipts.applyWaiting();
  }

  /** Publishes a dispatch job for up to one batch of due retries; returns how many. */
  async queueDue(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const due = await tx.manager.query<{ id: string }[]>(
        `SELECT id FROM notify.notification
         WHERE status = 'PENDING' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      for (const { id } of due) await tx.publish('notification.dispatch', { notificationId: id });
      if (due.length > 0) {
        await tx.manager.query(
          `UPDATE notify.notification SET next_attempt_at = NULL WHERE id = ANY ($1)`,
          [due.map((row) => row.id)],
        );
      }
      return due.length;
    });
  }

  /**
   * Sends handed to a provider that never answered: the process that sent them died, or stalled
   * far beyond any provider's timeout. They may have gone out, so they are not sent again.
   */
  async markUnconfirmed(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const stale = await tx.manager.query<{ id: string; attempts: number; provider: string }[]>(
        // In a CTE: a bare UPDATE … RETURNING comes back from TypeORM as [rows, count].
        `WITH stale AS (
           UPDATE notify.notification SET status = 'UNCONFIRMED', error_code = 'NO_PROVIDER_ANSWER'
           WHERE id IN (
             SELECT id FROM notify.notification
             WHERE status = 'SENDING' AND sending_at < now() - $1 * interval '1 millisecond'
             LIMIT $2 FOR UPDATE SKIP LOCKED)
           RETURNING id, attempts, provider)
         SELECT * FROM stale`,
        [this.unconfirmedAfterMs, BATCH_SIZE],
      );
      await recordEvents(
        tx.manager,
        stale.map((n) => ({
          notificationId: n.id,
          event: 'UNCONFIRMED',
          attempt: n.attempts,
          provider: n.provider,
          errorCode: 'NO_PROVIDER_ANSWER',
        })),
      );
      if (stale.length > 0) {
        this.logger.error({
          msg: 'notifications left without a provider answer are UNCONFIRMED',
          notificationIds: stale.map((n) => n.id),
        });
      }
      return stale.length;
    });
  }
}
