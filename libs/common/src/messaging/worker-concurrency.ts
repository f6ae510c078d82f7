import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/config.schema.js';
import type { QueueName } from '../contract/queues.js';

type ConcurrencySettings = Pick<
  AppConfig,
  | 'WORKER_CONCURRENCY'
  | 'WORKER_CONCURRENCY_INTAKE'
  | 'WORKER_CONCURRENCY_ROUTING'
  | 'WORKER_CONCURRENCY_NOTIFY'
>;

const PER_QUEUE = {
  intake: 'WORKER_CONCURRENCY_INTAKE',
  routing: 'WORKER_CONCURRENCY_ROUTING',
  notify: 'WORKER_CONCURRENCY_NOTIFY',
} as const satisfies Record<QueueName, keyof ConcurrencySettings>;

/** The concurrency settings, read from Nest's config. */
export function concurrencySettings(config: ConfigService<AppConfig, true>): ConcurrencySettings {
  return {
    WORKER_CONCURRENCY: config.get('WORKER_CONCURRENCY', { infer: true }),
    WORKER_CONCURRENCY_INTAKE: config.get('WORKER_CONCURRENCY_INTAKE', { infer: true }),
    WORKER_CONCURRENCY_ROUTING: config.get('WORKER_CONCURRENCY_ROUTING', { infer: true }),
    WORKER_CONCURRENCY_NOTIFY: config.get('WORKER_CONCURRENCY_NOTIFY', { infer: true }),
  };
}

/** Jobs one process of a queue works on at once: WORKER_CONCURRENCY_<QUEUE>, else WORKER_CONCURRENCY. */
export function workerConcurrency(settings: ConcurrencySettings, queue: QueueName): number {
  return settings[PER_QUEUE[queue]] ?? settings.WORKER_CONCURRENCY;
}

/**
 * Database connections a service process may open. A job holds its own transaction and may open
 * one more inside it (a notification is claimed and committed before it is sent), so every job
 * running at once may need two; with fewer, jobs holding one and waiting for a second can take
 * the whole pool and wait on each other for ever. The rest is for requests and periodic sweeps.
 */
export function databasePoolSize(concurrency: number): number {
  return 2 * concurrency + 8;
}
