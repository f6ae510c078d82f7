import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process-wide metrics: counted where things happen, by code that has no Nest container at
 * hand (a handler's transaction, the HTTP layer). Metrics that are read on scrape (queue sizes,
 * open deadlines) belong to each application instead: see MetricsService.
 * Labels are codes and route templates only, never a case number, a name or a phone.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'xinfang_' });

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const jobDuration = new Histogram({
  name: 'xinfang_job_duration_seconds',
  help: 'Time to process one job, by queue, job name and outcome (completed, skipped, failed)',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: DURATION_BUCKETS,
  registers: [processRegistry],
});

export const httpDuration = new Histogram({
  name: 'xinfang_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status; _count is the request rate',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: DURATION_BUCKETS,
  registers: [processRegistry],
});

const petitionsReceived = new Counter({
  name: 'xinfang_petitions_received_total',
  help: 'Petitions registered by intake, by channel (ONLINE, LETTER, VISIT, PHONE, TRANSFERRED)',
  labelNames: ['channel'] as const,
  registers: [processRegistry],
});

const petitionsRouted = new Counter({
  name: 'xinfang_petitions_routed_total',
  help: 'New petitions that routing gave to a unit by rule',
  registers: [processRegistry],
});

const petitionsTriaged = new Counter({
  name: 'xinfang_petitions_triaged_total',
  help: 'New petitions that routing sent to manual triage (no unit by rule)',
  registers: [processRegistry],
});

const notifications = new Counter({
  name: 'xinfang_notifications_total',
  help: 'Notification delivery attempts, by channel, provider and outcome (sent, retry, failed)',
  labelNames: ['channel', 'provider', 'outcome'] as const,
  registers: [processRegistry],
});

/** A transaction: counts are taken when it commits, so a rollback counts nothing. */
interface Committing {
  afterCommit(callback: () => void): void;
}

/** The business events of a petition's life, called at the one place each happens. */
export const petitionMetrics = {
  received(tx: Committing, channel: string) {
    tx.afterCommit(() => {
      petitionsReceived.inc({ channel });
    });
  },
  routed(tx: Committing) {
    tx.afterCommit(() => {
      petitionsRouted.inc();
    });
  },
  triaged(tx: Committing) {
    tx.afterCommit(() => {
      petitionsTriaged.inc();
    });
  },
};

export const notificationMetrics = {
  attempted(tx: Committing, channel: string, provider: string, outcome: NotificationOutcome) {
    tx.afterCommit(() => {
      notifications.inc({ channel, provider, outcome });
    });
  },
};

/** `unconfirmed`: handed to a provider that never answered; an operator decides. */
export type NotificationOutcome = 'sent' | 'retry' | 'failed' | 'unconfirmed';
