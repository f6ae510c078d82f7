import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName } from '../contract/queues.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging/messaging.options.js';
import { countUnpublished } from '../messaging/outbox.repository.js';
import { processRegistry } from './metrics.js';

/** The job states a queue is watched by; `waiting` is BullMQ's wait list. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

const SCRAPE_LIMIT_MS = 2_000;

const withinLimit = <T>(work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    sleep(SCRAPE_LIMIT_MS, undefined, { ref: false }).then(() => {
      throw new Error('no answer in time');
    }),
  ]);

/**
 * This application's metrics, read when Prometheus scrapes: the size of every queue (each
 * service reports all three, so a dashboard still shows a queue whose consumers are all down)
 * and the service's unpublished outbox. Services add their own gauges with `register`.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  private readonly registry = new Registry();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onModuleInit() {
    const queues = Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
    new Gauge({
      name: 'xinfang_queue_jobs',
      help: 'Jobs in each queue by state (waiting, active, delayed, failed, completed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        // A queue that does not answer (Redis down) is left out; readiness reports Redis.
        await Promise.allSettled(
          queues.map(async (queue) => {
            const counts = await withinLimit(queue.getJobCounts(...QUEUE_STATES));
            for (const state of QUEUE_STATES) {
              this.set({ queue: queue.name, state }, counts[state] ?? 0);
            }
          }),
        );
      },
    });
    const { schema } = this.options;
    const dataSource = this.dataSource;
    new Gauge({
      name: 'xinfang_outbox_unpublished',
      help: 'Messages committed by the service and not yet handed to Redis',
      labelNames: ['schema'],
      registers: [this.registry],
      async collect() {
        this.reset();
        this.set({ schema }, await withinLimit(countUnpublished(dataSource, schema)));
      },
    });
  }

  /** Adds a service's own metric (for example a gauge counted by SQL on scrape). */
  get appRegistry(): Registry {
    return this.registry;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of the process's and this application's metrics. */
  async render(): Promise<string> {
    return Registry.merge([processRegistry, this.registry]).metrics();
  }
}
