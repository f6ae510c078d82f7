import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import type { JobState, Queue } from 'bullmq';
import { PeriodicTask, QueueName, Transactions, type AppConfig } from '#common';
import { DeliveryReceiptsService } from './delivery-receipts.service.js';
import {
  awaitingDispatch,
  markDispatchSeen,
  type AwaitingDispatch,
} from './dispatch.repository.js';
import { queueDispatches } from './notification-dispatches.js';
import { recordEvents } from './notification-event.repository.js';
import { markStaleUnconfirmed, takeDueRetries } from './notification.repository.js';

const BATCH_SIZE = 100;
/** A job in these states will still run. */
const LIVE_JOB_STATES = new Set<JobState | 'unknown'>([
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
]);

/**
 * The upkeep of notifications, on every replica: queues again those whose retry is due (or whose
 * quiet hours ended) and those whose dispatch job was lost, gives up on sends the provider never answered (UNCONFIRMED: an operator
 * decides), and applies delivery receipts that came before their send was recorded. Rows are
 * claimed with SKIP LOCKED, so replicas share the work and a notification being sent right now
 * is left alone.
 */
@Injectable()
export class NotificationRetriesTask extends PeriodicTask {
  private readonly pollMs: number;
  private readonly unconfirmedAfterMs: number;

  private readonly redispatchAfterMs: number;

  constructor(
    private readonly transactions: Transactions,
    private readonly receipts: DeliveryReceiptsService,
    @InjectQueue(QueueName.Notify) private readonly queue: Queue,
    config: ConfigService<AppConfig, true>,
  ) {
    super('NotificationRetries');
    this.redispatchAfterMs = config.get('NOTIFICATION_REDISPATCH_AFTER_MS', { infer: true });
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
    // Last: it needs Redis, which may be away while the rest can be done.
    while (!this.stopping && (await this.redispatchLost()) === BATCH_SIZE);
  }

  /** Publishes a dispatch job for up to one batch of due retries; returns how many. */
  async queueDue(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const due = await takeDueRetries(tx.manager, BATCH_SIZE);
      await queueDispatches(tx, due);
      return due.length;
    });
  }

  /**
   * Queues again, once, up to one batch of PENDING notifications whose dispatch job is gone: not
   * waiting in the outbox, not waiting, delayed or running in BullMQ (Redis lost it, it failed
   * for good, an operator removed it). Each gets a new job, noted on the row in the same
   * transaction, so a replica that looks next sees it dispatched. Returns how many were looked at.
   */
  async redispatchLost(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const waiting = await awaitingDispatch(tx.manager, this.redispatchAfterMs, BATCH_SIZE);
      const lost: string[] = [];
      const alive: string[] = [];
      for (const row of waiting) ((await this.dispatchAlive(row)) ? alive : lost).push(row.id);
      await markDispatchSeen(tx.manager, alive);
      await queueDispatches(tx, lost);
      await recordEvents(
        tx.manager,
        lost.map((notificationId) => ({ notificationId, event: 'REDISPATCHED' as const })),
      );
      if (lost.length > 0) {
        this.logger.warn({
          msg: 'notifications without a dispatch job queued again',
          notificationIds: lost,
        });
      }
      return waiting.length;
    });
  }

  /** Whether the notification's dispatch job will still run (a message in the outbox will). */
  private async dispatchAlive(row: AwaitingDispatch): Promise<boolean> {
    if (row.unpublished) return true;
    if (!row.dispatch_message_id) return false;
    return LIVE_JOB_STATES.has(await this.queue.getJobState(row.dispatch_message_id));
  }

  /**
   * Sends handed to a provider that never answered: the process that sent them died, or stalled
   * far beyond any provider's timeout. They may have gone out, so they are not sent again.
   */
  async markUnconfirmed(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const stale = await markStaleUnconfirmed(tx.manager, this.unconfirmedAfterMs, BATCH_SIZE);
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
