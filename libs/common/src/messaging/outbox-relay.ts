import { setTimeout as sleep } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { jobSubscribers, QueueName, type JobEnvelope } from '../contract/queues.js';
import { withTraceContext } from '../telemetry/tracing.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import {
  claimUnpublished,
  deletePublished,
  markPublished,
  type OutboxRow,
} from './outbox.repository.js';

const BATCH_SIZE = 100;
const PUBLISH_TIMEOUT_MS = 5_000;
const RETENTION = '7 days';
const CLEANUP_EVERY_MS = 3_600_000;

/**
 * Publishes outbox rows to BullMQ and marks them published. Runs right after each commit and
 * every OUTBOX_POLL_MS, so messages written while Redis was down go out once it is back.
 * Rows are claimed with SKIP LOCKED, so replicas share the work; the job id is the outbox id,
 * so a row published twice (a crash between add and mark) is ignored by BullMQ the second time.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private timer?: NodeJS.Timeout;
  private active?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;
  private readonly enabled: boolean;
  private readonly pollMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    config: ConfigService<AppConfig, true>,
  ) {
    this.enabled = config.get('OUTBOX_RELAY', { infer: true }) === 'on';
    this.pollMs = config.get('OUTBOX_POLL_MS', { infer: true });
  }

  onApplicationBootstrap() {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      // Connection errors are retried by ioredis; failed publishes are logged below.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    if (this.enabled) this.nudge();
  }

  /** Before the database pool closes: finish the batch in hand, start no other. */
  async beforeApplicationShutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.active;
  }

  /** Publish soon: called after every commit that may have written to the outbox. */
  nudge() {
    if (!this.enabled || this.stopped) return;
    if (this.active) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.active = this.drain().finally(() => {
      this.active = undefined;
      if (!this.stopped)
        this.timer = setTimeout(() => {
          this.nudge();
        }, this.pollMs);
    });
  }

  private async drain() {
    try {
      do {
        while (!this.stopped && (await this.publishBatch()) === BATCH_SIZE);
      } while (this.takeAgain() && !this.stopped);
      await this.cleanup();
    } catch (error) {
      this.logger.warn(
        `outbox of ${this.options.schema} not published, will retry: ${String(error)}`,
      );
    }
  }

  /** Whether a nudge came in while draining; resets it. */
  private takeAgain(): boolean {
    const again = this.again;
    this.again = false;
    return again;
  }

  /** Publishes up to one batch; returns how many rows were published. Throws on a failure. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await claimUnpublished(manager, this.options.schema, BATCH_SIZE);
      const published: string[] = [];
      let failure: Error | undefined;
      for (const row of rows) {
        try {
          await this.publish(row);
          published.push(row.id);
        } catch (error) {
          failure = error instanceof Error ? error : new Error('publish failed', { cause: error });
          break;
        }
      }
      if (published.length > 0) await markPublished(manager, this.options.schema, published);
      if (failure) throw failure;
      return published.length;
    });
  }

  private async publish(row: OutboxRow) {
    const envelope: JobEnvelope = {
      messageId: row.id,
      correlationId: row.correlation_id,
      occurredAt: row.created_at.toISOString(),
      payload: row.payload,
    };
    for (const queueName of jobSubscribers[row.job_name]) {
      const queue = this.queues.get(queueName);
      if (!queue) throw new Error(`no producer for queue ${queueName}`);
      // In the trace of the work that wrote the message, so the job continues that trace.
      const added = withTraceContext(row.trace_context, () =>
        queue.add(row.job_name, envelope, { jobId: row.id }),
      );
      await Promise.race([
        added,
        sleep(PUBLISH_TIMEOUT_MS, undefined, { ref: false }).then(() => {
          throw new Error(`Redis did not accept the job within ${PUBLISH_TIMEOUT_MS} ms`);
        }),
      ]);
    }
  }

  private async cleanup() {
    if (Date.now() - this.lastCleanup < CLEANUP_EVERY_MS) return;
    this.lastCleanup = Date.now();
    await deletePublished(this.dataSource, this.options.schema, RETENTION);
  }
}
