import { configSchema, type AppConfig } from './config.schema.js';

/**
 * What each setting means, for the operators' reference (docs/operations.md, written by
 * `npm run docs:config`). Typed by the schema, so a new setting does not compile without its line.
 */
export const settingDescriptions: Record<keyof AppConfig, string> = {
  NODE_ENV: '`production` also marks the queue board cookie Secure',
  DATABASE_URL: 'PostgreSQL; every service uses its own schema in this one database',
  INTAKE_DATABASE_URL:
    "intake's own database role (writes only `intake`, reads the other services' `*_v1` views); `DATABASE_URL` when unset",
  ROUTING_DATABASE_URL: "routing's own database role, likewise; `DATABASE_URL` when unset",
  NOTIFY_DATABASE_URL: "notify's own database role, likewise; `DATABASE_URL` when unset",
  MIGRATION_DATABASE_URL:
    'the role that owns the schemas: `migrate` and the other CLI commands use it, then grant the service roles (named by the three URLs above) exactly their rights; `DATABASE_URL` when unset',
  REDIS_URL:
    'Redis of the queues (AOF on, `noeviction`: see Redis below): `redis://…`, `redis-sentinel://h1:26379,h2:26379/master` or `redis-cluster://h1:6379,h2:6379`',
  QUEUE_PREFIX:
    'prefix of every Redis key; the braces are a Redis Cluster hash tag that keeps all keys in one slot (required with a Cluster)',
  INTAKE_PORT: 'HTTP port of intake',
  ROUTING_PORT: 'HTTP port of routing',
  NOTIFY_PORT: 'HTTP port of notify',
  WEB_PORT:
    '`npm start` only: the web pages and the API of the three services on one origin (apps/cli web gateway)',
  JWT_SECRET: 'signs and verifies staff tokens (same value in every service)',
  JWT_TTL_SECONDS: 'staff access token lifetime, at most 900 (15 minutes); refresh tokens renew it',
  REFRESH_TOKEN_TTL_SECONDS:
    'how long a sign-in lasts (a working day): its rotating refresh tokens end this long after the login',
  LOGIN_FAILURES_PER_USER: 'failed sign-ins of one username before it is locked out',
  LOGIN_FAILURES_PER_IP: 'failed sign-ins from one client IP before it is locked out',
  LOGIN_LOCKOUT_SECONDS: 'the first lockout; each further failure doubles it',
  LOGIN_LOCKOUT_MAX_SECONDS: 'the longest lockout',
  ACCOUNT_CHECK_CACHE_SECONDS:
    'how long (at most 60 s) the services trust the account version cached in Redis: a disabled, re-roled or moved account loses access within it',
  QUERY_CODE_SECRET: 'key of the query-code hashes; changing it invalidates every query code',
  PERSONAL_DATA_KEYS:
    'AES-256-GCM keys of personal data at rest: `id:base64(32 bytes)`, comma-separated; the first encrypts, all decrypt',
  PERSONAL_DATA_HASH_KEY: 'key of the blind indexes that match ID numbers and phones',
  TRACKING_LIMIT_PER_IP_PER_MINUTE:
    'failed public tracking and feedback requests per client IP a minute, before it is refused',
  TRACKING_LIMIT_PER_CASE_PER_HOUR:
    'failed public tracking and feedback requests (wrong query code, unknown case) per case number an hour; a caller with the right code is never refused',
  TRUST_PROXY:
    'reverse proxies (addresses or CIDRs, comma-separated) whose `X-Forwarded-For` names the client IP; none by default',
  PHONE_VERIFICATION:
    '`required`: an online petition needs an SMS code sent to its phone; `off` (tests, demo) is refused in production',
  PHONE_CODES_PER_PHONE_PER_DAY: 'SMS verification codes per phone a day (and one a minute)',
  PHONE_CODES_PER_IP_PER_HOUR: 'SMS verification codes requested per client IP an hour',
  PUBLIC_PETITIONS_PER_IP_PER_HOUR: 'online petitions per client IP an hour',
  PUBLIC_PETITIONS_PER_PHONE_PER_DAY: 'online petitions per verified phone a day',
  OUTBOX_RELAY: '`off` runs an API-only replica that leaves publishing to others',
  OUTBOX_POLL_MS: 'how often the relay looks for unpublished messages',
  JOB_ATTEMPTS:
    'attempts of a job before it fails; one an outage of PostgreSQL or Redis failed, or that came ahead of the event it follows, is redriven (`JOB_REDRIVE_MS`)',
  JOB_BACKOFF_MS: "wait before a failed job's second attempt; doubled after each next one",
  JOB_REDRIVE_MS:
    'how often a service reruns the failed jobs of its queue that an outage failed (once its database answers) or that came ahead of their predecessor (for a day)',
  PROCESSED_MESSAGE_RETENTION_DAYS:
    'how long a service remembers the jobs it handled (so a redelivered one changes nothing); older records are purged hourly',
  IDEMPOTENCY_KEY_RETENTION_HOURS:
    'how long intake answers a repeated `Idempotency-Key` with the first receipt; older records (sealed receipts) are purged hourly',
  WORKER_CONCURRENCY: 'jobs one process works on at once, unless its queue has its own setting',
  MATTER_COMPARISON_LIMIT:
    'earlier petitions compared with a new one, at most, the most recent first (for repeats, and again for hotspots): keeps registration flat however large a hotspot grows',
  CLASSIFIER_MODEL:
    "routing's classifier model file, as `npm run cli -- classifier:train` writes it; the model in `data/models` when unset",
  ATTACHMENT_DIR:
    'where intake keeps attachment files; a volume shared by all intake replicas (`/var/lib/xinfang/attachments` in the image)',
  DEMO_DIR:
    '`start --demo`: where the SMS and email its local SMS centre and mailbox received are kept (`messages.jsonl`), for `messages:tail`',
  LOG_LEVEL: 'pino level',
  SMS_PROVIDER:
    "`log` (SMS written to notify's log, ids only), `smpp`, `aliyun` or `tencent`; see Notifications",
  SMS_TIMEOUT_MS:
    'limit for one SMS submission (SMPP bind or response, cloud HTTP call) and for SMTP connections',
  SMS_TEMPLATE_MAP:
    "required with `aliyun`, `tencent`: JSON, our template name → the provider's approved template code and parameter order",
  SMPP_URL: 'required with `smpp`: the SMSC, `smpp://host:2775` (`ssmpp://` for TLS)',
  SMPP_SYSTEM_ID: 'required with `smpp`: the ESME account (at most 15 characters)',
  SMPP_PASSWORD: 'required with `smpp`: its password (at most 8 characters)',
  SMPP_SOURCE_ADDR:
    "the number SMS come from (e.g. a 106 service number); the SMSC's default when unset",
  SMPP_ENQUIRE_LINK_MS: 'how often the bound SMPP session is checked with enquire_link',
  ALIYUN_ACCESS_KEY_ID: 'required with `aliyun`: Alibaba Cloud access key id',
  ALIYUN_ACCESS_KEY_SECRET: 'required with `aliyun`: its secret',
  ALIYUN_SMS_SIGN_NAME: 'required with `aliyun`: the approved SMS signature (签名)',
  ALIYUN_SMS_ENDPOINT: 'dysmsapi endpoint',
  TENCENT_SECRET_ID: 'required with `tencent`: Tencent Cloud secret id',
  TENCENT_SECRET_KEY: 'required with `tencent`: its key',
  TENCENT_SMS_SDK_APP_ID: 'required with `tencent`: the SMS application id',
  TENCENT_SMS_SIGN_NAME: 'required with `tencent`: the approved SMS signature (签名)',
  TENCENT_SMS_REGION: 'Tencent Cloud SMS region',
  TENCENT_SMS_ENDPOINT: 'Tencent Cloud SMS endpoint',
  SMTP_URL:
    "units' duty mailboxes: `smtp://user:pass@host:587` or `smtps://…:465`; unset, email is logged",
  MAIL_FROM: "required with `SMTP_URL`: sender of notify's email",
  NOTIFICATION_MAX_ATTEMPTS: 'delivery attempts before a notification is FAILED',
  NOTIFICATION_RETRY_DELAY_MS: 'wait after the first failed attempt; doubled after each next one',
  NOTIFICATION_REDISPATCH_AFTER_MS:
    'a notification still PENDING this long after its dispatch job was queued, with that job gone (Redis lost it, it failed), is queued again',
  DEADLINE_SWEEP:
    'notify: `off` leaves the deadline reminders and escalation to other replicas (every replica may run it; they share the work)',
  DEADLINE_SWEEP_MS:
    'notify: how often the deadline sweep runs; it also wakes at China midnight, when deadlines pass due',
  NOTIFICATION_UNCONFIRMED_AFTER_MS:
    'a notification handed to a provider and still unanswered after this is UNCONFIRMED and waits for an operator',
  SMS_FALLBACK_PROVIDER:
    'a second SMS provider (`smpp`, `aliyun`, `tencent`, `log`), other than `SMS_PROVIDER`; its settings become required',
  SMS_FALLBACK_AFTER_ATTEMPTS:
    'failed attempts with the first provider before the fall-back sends; an unreachable first provider falls back at once',
  SMS_RATE_PER_SECOND:
    'SMS parts per second per provider, for all notify replicas together (Redis)',
  SMPP_WINDOW: '`submit_sm` awaiting their response at once on the SMPP session',
  SMS_CALLBACK_TOKEN:
    'secret (32+ chars) in the delivery-report callback URLs of Alibaba Cloud and Tencent Cloud; unset, callbacks are refused',
  QUIET_HOURS: 'China time without SMS to petitioners (they wait for the end); `off` to disable',
  DUTY_ACK_TIMEOUT_MS:
    'time the paged leader on duty has to acknowledge before the next on the roster is paged',
  REMINDER_OFFSETS:
    'when units are reminded of a deadline (08:00–09:00): working (`w`) or calendar (`d`) days before its last day; `0d` its last day',
  DEADLINE_WORKING_DAY_KINDS:
    'deadline kinds counted in working days instead of calendar days, e.g. `ACCEPTANCE,FORWARD`; unset: all in calendar days as the regulation says',
  WORKER_CONCURRENCY_INTAKE: 'jobs an intake process works on at once',
  WORKER_CONCURRENCY_ROUTING: 'jobs a routing process works on at once',
  WORKER_CONCURRENCY_NOTIFY: 'jobs a notify process works on at once',
  SHUTDOWN_GRACE_MS:
    'on SIGTERM, how long requests and jobs in progress may take to finish; keep it below the orchestrator’s kill timeout',
  METRICS_TOKEN: 'when set, `/metrics` wants it as a bearer token',
  OTEL_EXPORTER_OTLP_ENDPOINT:
    'OTLP/HTTP endpoint (e.g. `http://collector:4318`); tracing is off without it',
  AUDIT_RETENTION_DAYS:
    'audit entries older than this are removed by `npm run cli -- audit:purge` (at least 180); the chains stay verifiable',
};

/** A setting's default as the schema gives it, or whether it must be set. */
function defaultOf(key: keyof AppConfig): string {
  const parsed = configSchema.shape[key].safeParse(undefined);
  if (!parsed.success) return 'required';
  if (parsed.data === undefined) return 'unset';
  const value = parsed.data;
  return `\`${typeof value === 'object' ? JSON.stringify(value) : String(value)}\``;
}

/** The configuration reference as a Markdown table, one row per setting of the schema. */
export function renderConfigReference(): string {
  const keys = Object.keys(configSchema.shape) as (keyof AppConfig)[];
  const rows = keys.map(
    (key) => `| \`${key}\` | ${defaultOf(key)} | ${settingDescriptions[key]} |`,
  );
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
