import { configSchema, type AppConfig } from './config.schema.js';

/**
 * What each setting means, for the operators' reference (docs/operations.md, written by
 * `npm run docs:config`). Typed by the schema, so a new setting does not compile without its line.
 */
export const settingDescriptions: Record<keyof AppConfig, string> = {
  NODE_ENV: '`production` also marks the queue board cookie Secure',
  DATABASE_URL: 'PostgreSQL; every service uses its own schema in this one database',
  REDIS_URL: 'Redis of the queues (AOF on, `noeviction`: see Redis below)',
  QUEUE_PREFIX:
    'prefix of every queue key; the braces are a Redis Cluster hash tag that keeps a queue in one slot',
  INTAKE_PORT: 'HTTP port of intake',
  ROUTING_PORT: 'HTTP port of routing',
  NOTIFY_PORT: 'HTTP port of notify',
  JWT_SECRET: 'signs and verifies staff tokens (same value in every service)',
  JWT_TTL_SECONDS: 'staff token lifetime',
  QUERY_CODE_SECRET: 'key of the query-code hashes; changing it invalidates every query code',
  PERSONAL_DATA_KEYS:
    'AES-256-GCM keys of personal data at rest: `id:base64(32 bytes)`, comma-separated; the first encrypts, all decrypt',
  PERSONAL_DATA_HASH_KEY: 'key of the blind indexes that match ID numbers and phones',
  TRACKING_LIMIT_PER_IP_PER_MINUTE: 'public case tracking requests per client IP',
  TRACKING_LIMIT_PER_CASE_PER_HOUR:
    'public tracking requests per case number; over it the case is blocked for an hour',
  OUTBOX_RELAY: '`off` runs an API-only replica that leaves publishing to others',
  OUTBOX_POLL_MS: 'how often the relay looks for unpublished messages',
  WORKER_CONCURRENCY: 'jobs one process works on at once, unless its queue has its own setting',
  ATTACHMENT_DIR:
    'where intake keeps attachment files; a volume shared by all intake replicas (`/var/lib/xinfang/attachments` in the image)',
  LOG_LEVEL: 'pino level',
  WORKER_CONCURRENCY_INTAKE: 'jobs an intake process works on at once',
  WORKER_CONCURRENCY_ROUTING: 'jobs a routing process works on at once',
  WORKER_CONCURRENCY_NOTIFY: 'jobs a notify process works on at once',
  SHUTDOWN_GRACE_MS:
    'on SIGTERM, how long requests and jobs in progress may take to finish; keep it below the orchestrator’s kill timeout',
  METRICS_TOKEN: 'when set, `/metrics` wants it as a bearer token',
  OTEL_EXPORTER_OTLP_ENDPOINT:
    'OTLP/HTTP endpoint (e.g. `http://collector:4318`); tracing is off without it',
};

/** A setting's default as the schema gives it, or whether it must be set. */
function defaultOf(key: keyof AppConfig): string {
  const parsed = configSchema.shape[key].safeParse(undefined);
  if (!parsed.success) return 'required';
  if (parsed.data === undefined) return 'unset';
  return `\`${String(parsed.data)}\``;
}

/** The configuration reference as a Markdown table, one row per setting of the schema. */
export function renderConfigReference(): string {
  const keys = Object.keys(configSchema.shape) as (keyof AppConfig)[];
  const rows = keys.map(
    (key) => `| \`${key}\` | ${defaultOf(key)} | ${settingDescriptions[key]} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
