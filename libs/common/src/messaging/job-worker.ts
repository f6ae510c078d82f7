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
import { runWithCorrelationId } from '../logging/correlation.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { ON_JOB, type JobHandler } from './on-job.decorator.js';
import { Transactions } from './transactions.js';

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
    this.worker = new Worker(this.options.consumes, (job: Job<JobEnvelope>) => this.process(job), {
      connection: { url, maxRetriesPerRequest: null },
      prefix,
      concurrency: this.config.get('WORKER_CONCURRENCY', { infer: true }),
    });
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    this.worker.on('error', (error) => {
      this.logger.warn(`worker: ${error.message}`);
    });
    this.worker.on('failed', (job, error) => {
      this.logger.error(`job ${job?.name} ${job?.id} failed: ${error.message}`);
    });
  }

  /** Takes no new job and waits for the running ones, while the database is still open. */
  async beforeApplicationShutdown() {
    await this.worker?.close();
  }

  async process(job: Job<JobEnvelope>): Promise<void> {
    const name = job.name as JobName;
    const handler = this.handlers.get(name);
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { messageId, correlationId, payload } = job.data;
    const parsed = jobPayloadSchemas[name].safeParse(payload);
    if (!parsed.success) throw new UnrecoverableError(`malformed ${name}: ${parsed.error.message}`);
    await runWithCorrelationId(correlationId, () =>
      this.transactions.run(async (tx) => {
        if (!(await tx.claimMessage(messageId, name))) {
          this.logger.log(`job ${name} ${messageId} already processed, skipped`);
          return;
        }
        await handler(parsed.data, tx);
        this.logger.log(`job ${name} ${messageId} processed`);
      }),
    );
  }
}
