import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { AppConfig } from '../config/config.schema.js';
import {
  jobPayloadSchemas,
  jobsConsumedBy,
  type JobEnvelope,
  type JobName,
} from '../contract/queues.js';
import { finishesWithin, remainingGraceMs } from '../http/graceful-shutdown.js';
import { bullConnection, closeBullConnection } from '../redis/redis-client.js';
import { runWithCorrelationId } from '../logging/correlation.js';
import { jobDuration } from '../metrics/metrics.js';
import { bullTelemetry } from '../telemetry/tracing.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { ON_JOB, type JobHandler } from './on-job.decorator.js';
import { RedrivableFailure, redriveReasonOf } from './redrivable-failures.js';
import { Transactions } from './transactions.js';
import { concurrencySettings, workerConcurrency } from './worker-concurrency.js';

/** Thrown at start-up when the service cannot process every job its queue receives. */
export class MissingJobHandlerError extends Error {}

/**
 * Consumes the service's queue: finds the @OnJob handlers at start-up, refuses to start when a
 * job name of the queue has none (or two), and runs each job idempotently in a transaction.
 */
@Injectable()
export class JobWorker implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private worker?: Worker;
  private connection?: ReturnType<typeof bullConnection>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly transactions: Transactions,
    private readonly config: ConfigService<AppConfig, true>,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit() {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(ON_JOB, fn);
        if (!name) continue;
        if (this.handlers.has(name)) {
          throw new MissingJobHandlerError(`job ${name} has two handlers`);
        }
        this.handlers.set(name, (fn as JobHandler<JobName>).bind(instance));
      }
    }
    const missing = jobsConsumedBy(this.options.consumes).filter((n) => !this.handlers.has(n));
    if (missing.length > 0) {
      throw new MissingJobHandlerError(
        `queue ${this.options.consumes} receives jobs with no handler: ${missing.join(', ')}`,
      );
    }
  }

  onApplicationBootstrap() {
    const prefix = this.config.get('QUEUE_PREFIX', { infer: true });
    const url: string = this.config.get('REDIS_URL', { infer: true });
    this.connection = bullConnection(url, { maxRetriesPerRequest: null });
    this.worker = new Worker(this.options.consumes, (job: Job<JobEnvelope>) => this.timed(job), {
      connection: this.connection,
      prefix,
      concurrency: workerConcurrency(concurrencySettings(this.config), this.options.consumes),
      telemetry: bullTelemetry(),
    });
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    this.worker.on('error', (error) => {
      this.logger.warn(`worker: ${error.message}`);
    });
    this.worker.on('failed', (job, error) => {
      this.logger.error(`job ${job?.name} ${job?.id} failed: ${error.message}`);
    });
  }

  /**
   * Takes no new job and waits for the running ones, while the database is still open, for at
   * most the rest of the grace period. A job still running then has not committed: its lock
   * lapses and it is delivered again.
   */
  async beforeApplicationShutdown() {
    if (!this.worker) return;
    const grace = remainingGraceMs(this.config.get('SHUTDOWN_GRACE_MS', { infer: true }));
    if (!(await finishesWithin(this.worker.close(), grace))) {
      this.logger.warn(`jobs still running after the grace period; they will be redelivered`);
    }
    await closeBullConnection(this.connection);
  }

  private async timed(job: Job<JobEnvelope>): Promise<void> {
    const stop = jobDuration.startTimer({ queue: this.options.consumes, job: job.name });
    try {
      stop({ outcome: (await this.process(job)) ? 'completed' : 'skipped' });
    } catch (error) {
      stop({ outcome: 'failed' });
      // Its reason heads the recorded failure, for JobRedriver to find.
      const reason = redriveReasonOf(error);
      throw reason ? new RedrivableFailure(reason, error) : error;
    }
  }

  /** Runs one job; false when it had already been processed. */
  async process(job: Job<JobEnvelope>): Promise<boolean> {
    const name = job.name as JobName;
    const handler = this.handlers.get(name);
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { messageId, correlationId, payload } = job.data;
    const parsed = jobPayloadSchemas[name].safeParse(payload);
    if (!parsed.success) throw new UnrecoverableError(`malformed ${name}: ${parsed.error.message}`);
    return runWithCorrelationId(correlationId, () =>
      this.transactions.run(async (tx) => {
        if (!(await tx.claimMessage(messageId, name))) {
          this.logger.log(`job ${name} ${messageId} already processed, skipped`);
          return false;
        }
        await handler(parsed.data, tx);
        this.logger.log(`job ${name} ${messageId} processed`);
        return true;
      }),
    );
  }
}
