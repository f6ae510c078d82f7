import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Transactions, type AppConfig } from '#common';

const BATCH_SIZE = 100;

/**
 * Queues again the notifications whose retry is due. Rows are claimed with SKIP LOCKED, so
 * replicas share the work and a notification being sent right now is left alone.
 */
@Injectable()
export class NotificationRetries implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationRetries.name);
  private readonly pollMs: number;
  private timer?: NodeJS.Timeout;
  private active?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly transactions: Transactions,
    config: ConfigService<AppConfig, true>,
  ) {
    // Often enough that a retry is not much later than due; never busier than every 10 s.
    this.pollMs = Math.min(config.get('NOTIFICATION_RETRY_DELAY_MS', { infer: true }), 10_000);
  }

  onApplicationBootstrap() {
    this.schedule();
  }

  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.active;
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

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.active = this.drain().finally(() => {
        this.active = undefined;
        this.schedule();
      });
    }, this.pollMs);
  }

  private async drain() {
    try {
      while (!this.stopped && (await this.queueDue()) === BATCH_SIZE);
    } catch (error) {
      this.logger.warn(`notification retries not queued, will try again: ${String(error)}`);
    }
  }
}
