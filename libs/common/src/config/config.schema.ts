import { z } from 'zod';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher.js';
import { redisTarget } from '../redis/redis-target.js';

const url = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });

const port = z.coerce.number().int().min(1).max(65535);

/** An unset variable and one set to '' (compose's `${X:-}`) mean the same: not given. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * SMS_TEMPLATE_MAP: our template names to a cloud provider's approved template code and the
 * order of its parameters, e.g. `{"petition.receipt":{"code":"SMS_1234","params":["caseNo","queryCode"]}}`.
 */
const smsTemplateMap = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string(),
      z.strictObject({ code: z.string().min(1), params: z.array(z.string().min(1)).default([]) }),
    ),
  );

/** Every setting a xinfang process reads. Unknown variables are ignored. */
const settings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgres', 'postgresql']).default(
    'postgres://postgres@127.0.0.1:5432/xinfang',
  ),
  // Each service's own role (least privilege), and the role that owns the schemas and migrates;
  // each falls back to DATABASE_URL, so a development machine needs only that one.
  INTAKE_DATABASE_URL: optional(url(['postgres', 'postgresql'])),
  ROUTING_DATABASE_URL: optional(url(['postgres', 'postgresql'])),
  NOTIFY_DATABASE_URL: optional(url(['postgres', 'postgresql'])),
  MIGRATION_DATABASE_URL: optional(url(['postgres', 'postgresql'])),
  // One server, a Sentinel set or a Cluster (redis-target.ts).
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .superRefine((value, ctx) => {
      try {
        redisTarget(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  // The hash tag keeps every key of the system in one Redis Cluster slot: BullMQ's scripts and
  // the limits' scripts touch several keys at once.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _ - { } only')
    .default('{xinfang}'),
  INTAKE_PORT: port.default(3001),
  ROUTING_PORT: port.default(3002),
  NOTIFY_PORT: port.default(3003),
  // `npm start`'s one origin for browsers: the web pages and /api/... to the three services.
  WEB_PORT: port.default(3000),
  // Signs staff tokens; shared by the three services, which all verify them.
  JWT_SECRET: z.string().min(32, 'at least 32 characters'),
  // Access tokens are short (at most 15 minutes); a rotating refresh token renews them.
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(900, 'at most 900 (15 minutes)')
    .default(900),
  // How long a sign-in lasts: the refresh tokens of one login (a family) end this long after it.
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(10 * 3600),
  // Staff sign-in: failures before a lockout, per username and per client IP; the first lockout
  // lasts LOGIN_LOCKOUT_SECONDS and each failure after it doubles it, up to the maximum.
  LOGIN_FAILURES_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(20),
  LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(3600),
  // How long a service trusts the account version it cached in Redis (a disabled, re-roled or
  // moved account loses access within this; routing also updates the cache when it changes one).
  ACCOUNT_CHECK_CACHE_SECONDS: z.coerce.number().int().min(1).max(60).default(30),
  // Keyed hash for petitioners' query codes, so a database dump does not reveal them.
  QUERY_CODE_SECRET: z.string().min(32, 'at least 32 characters'),
  // AES-256-GCM keys for personal data at rest, `id:base64(32 bytes)`, comma-separated; the first
  // encrypts, every one decrypts, so a new key goes first and old ones stay until re-encrypted.
  PERSONAL_DATA_KEYS: z.string().refine((value) => {
    try {
      PersonalDataCipher.fromSettings(value, 'x');
      return true;
    } catch {
      return false;
    }
  }, 'comma-separated id:base64key entries, each key 32 bytes'),
  // Key of the blind indexes that match ID numbers and phones; changing it needs a re-index.
  PERSONAL_DATA_HASH_KEY: z.string().min(32, 'at least 32 characters'),
  // Public case tracking, against guessing query codes: per client IP, and per case number.
  TRACKING_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(60),
  TRACKING_LIMIT_PER_CASE_PER_HOUR: z.coerce.number().int().positive().default(30),
  // Proxies whose X-Forwarded-For names the client: addresses or CIDRs, comma-separated; none
  // by default, so a client cannot pick the address its limits are counted under.
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))),
  // The online form verifies the petitioner's mobile by an SMS code; "off" only outside production.
  PHONE_VERIFICATION: z.enum(['required', 'off']).default('required'),
  // Verification codes: per phone a minute apart and at most so many a day; per client IP an hour.
  PHONE_CODES_PER_PHONE_PER_DAY: z.coerce.number().int().positive().default(10),
  PHONE_CODES_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  // Online petitions per client IP an hour and per verified phone a day.
  PUBLIC_PETITIONS_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(10),
  PUBLIC_PETITIONS_PER_PHONE_PER_DAY: z.coerce.number().int().positive().default(5),
  // "off" runs an API-only replica: another replica (or a restart) publishes its outbox.
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  // A job's attempts, the first wait between them (doubled each time), and how often failed jobs
  // whose failure was no fault of theirs (an outage, an event ahead of its predecessor) are redriven.
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  JOB_REDRIVE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  // Records that a job was handled: they must outlive any redelivery, so at least a week.
  PROCESSED_MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(30),
  // Idempotency-Key records of intake: a client retrying within this window gets the first answer.
  IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
  // Notify's deadline sweep (reminders, escalation); replicas share it, "off" leaves it to others.
  DEADLINE_SWEEP: z.enum(['on', 'off']).default('on'),
  DEADLINE_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  // Earlier petitions a new one is compared with, at most, the most recent first: once for repeats
  // (the same petitioner's) and once for hotspots (others' naming the same entity). Keeps the cost
  // of a registration flat however large a hotspot grows (docs/benchmarks.md, bench:hotspot).
  MATTER_COMPARISON_LIMIT: z.coerce.number().int().min(1).max(10_000).default(100),
  // The routing classifier's model file (npm run cli -- classifier:train writes one); the model
  // shipped in data/models when unset.
  CLASSIFIER_MODEL: optional(z.string().min(1)),
  // Where intake stores attachment files (a shared volume when intake has replicas).
  ATTACHMENT_DIR: z.string().min(1).default('./data/attachments'),
  // Where `start --demo` keeps the SMS and email its local SMS centre and mailbox received.
  DEMO_DIR: z.string().min(1).default('./data/demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // Notify's delivery. `log` writes each SMS to the service log instead of sending it (dev, demo).
  SMS_PROVIDER: z.enum(['log', 'smpp', 'aliyun', 'tencent']).default('log'),
  // How long one SMS submission may take before it counts as failed (and is retried).
  SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SMS_TEMPLATE_MAP: optional(smsTemplateMap),
  // An SMSC over SMPP 3.4 (bind_transceiver); ssmpp:// for TLS.
  SMPP_URL: optional(url(['smpp', 'ssmpp'])),
  SMPP_SYSTEM_ID: optional(z.string().max(15, 'at most 15 characters')),
  SMPP_PASSWORD: optional(z.string().max(8, 'at most 8 characters')),
  // The service number the SMS come from (e.g. a 106 number); the SMSC's default when unset.
  SMPP_SOURCE_ADDR: optional(z.string().max(20, 'at most 20 characters')),
  SMPP_ENQUIRE_LINK_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  // Alibaba Cloud SMS (dysmsapi 2017-05-25 SendSms, signature V3).
  ALIYUN_ACCESS_KEY_ID: optional(z.string()),
  ALIYUN_ACCESS_KEY_SECRET: optional(z.string()),
  ALIYUN_SMS_SIGN_NAME: optional(z.string()),
  ALIYUN_SMS_ENDPOINT: url(['https', 'http']).default('https://dysmsapi.aliyuncs.com'),
  // Tencent Cloud SMS (2021-01-11 SendSms, TC3-HMAC-SHA256).
  TENCENT_SECRET_ID: optional(z.string()),
  TENCENT_SECRET_KEY: optional(z.string()),
  TENCENT_SMS_SDK_APP_ID: optional(z.string()),
  TENCENT_SMS_SIGN_NAME: optional(z.string()),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  TENCENT_SMS_ENDPOINT: url(['https', 'http']).default('https://sms.tencentcloudapi.com'),
  // Units' duty mailboxes. Without SMTP_URL, email is written to the service log instead.
  SMTP_URL: optional(url(['smtp', 'smtps'])),
  MAIL_FROM: optional(z.string().min(3)),
  // A failed delivery is tried again after the delay, doubled each time, up to the attempts.
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  NOTIFICATION_RETRY_DELAY_MS: z.coerce.number().int().min(50).max(3_600_000).default(60_000),
  // A PENDING notification with no dispatch job this long after it was queued is queued again.
  NOTIFICATION_REDISPATCH_AFTER_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(86_400_000)
    .default(300_000),
  // Operations (docs/operations.md): per-queue concurrency overrides WORKER_CONCURRENCY.
  WORKER_CONCURRENCY_INTAKE: z.coerce.number().int().min(1).max(100).optional(),
  WORKER_CONCURRENCY_ROUTING: z.coerce.number().int().min(1).max(100).optional(),
  WORKER_CONCURRENCY_NOTIFY: z.coerce.number().int().min(1).max(100).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
  // A notification handed to a provider that never answered (timeout, lost link, a crash) is
  // UNCONFIRMED after this long and waits for an operator; it is never sent again on its own.
  NOTIFICATION_UNCONFIRMED_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(86_400_000)
    .default(600_000),
  // A second SMS provider, used after SMS_FALLBACK_AFTER_ATTEMPTS temporary failures of the first,
  // or at once when the first cannot be reached.
  SMS_FALLBACK_PROVIDER: optional(z.enum(['log', 'smpp', 'aliyun', 'tencent'])),
  SMS_FALLBACK_AFTER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(2),
  // Messages (SMS parts) per second per provider, shared by every notify replica (Redis).
  SMS_RATE_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(50),
  // SMPP submit_sm requests awaiting their response at once on the session (the window).
  SMPP_WINDOW: z.coerce.number().int().min(1).max(100).default(10),
  // Secret the cloud providers' delivery-report callbacks carry (?token=); callbacks are refused
  // without it, as neither Alibaba Cloud nor Tencent Cloud signs them.
  SMS_CALLBACK_TOKEN: optional(z.string().min(32, 'at least 32 characters')),
  // No SMS to petitioners in these hours (China time); they wait for the end. "off" to disable.
  QUIET_HOURS: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d)$/, 'HH:MM-HH:MM or off')
    .default('22:00-08:00'),
  // How long the on-duty leader has to acknowledge an urgent page before the next one is paged.
  DUTY_ACK_TIMEOUT_MS: z.coerce.number().int().min(500).max(86_400_000).default(900_000),
  // Deadline kinds counted in working days rather than calendar days (comma-separated).
  DEADLINE_WORKING_DAY_KINDS: z
    .string()
    .regex(
      /^((FORWARD|ACCEPTANCE|CONCLUSION|REVIEW|RE_REVIEW)(,(FORWARD|ACCEPTANCE|CONCLUSION|REVIEW|RE_REVIEW))*)?$/,
      'a comma-separated list of FORWARD, ACCEPTANCE, CONCLUSION, REVIEW, RE_REVIEW',
    )
    .default('')
    .transform((value) => value.split(',').filter(Boolean)),
  // When units are reminded before a deadline: working (w) or calendar (d) days before its last day.
  REMINDER_OFFSETS: z
    .string()
    .regex(/^\d{1,2}[wd](,\d{1,2}[wd])*$/, 'e.g. 3w,1d,0d')
    .default('3w,1d,0d'),
  // Audit entries older than this are removed by `npm run cli -- audit:purge`. Three years: the
  // records of processing personal information (个人信息保护法 第五十六条); at least the six
  // months network logs must be kept (网络安全法 第二十一条).
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, 'at least 180 (six months)').default(1095),
});

type Settings = z.infer<typeof settings>;

/** The provider settings each SMS provider needs, as primary or as fall-back. */
const PROVIDER_KEYS: Record<Settings['SMS_PROVIDER'], (keyof Settings)[]> = {
  log: [],
  smpp: ['SMPP_URL', 'SMPP_SYSTEM_ID', 'SMPP_PASSWORD'],
  aliyun: [
    'ALIYUN_ACCESS_KEY_ID',
    'ALIYUN_ACCESS_KEY_SECRET',
    'ALIYUN_SMS_SIGN_NAME',
    'SMS_TEMPLATE_MAP',
  ],
  tencent: [
    'TENCENT_SECRET_ID',
    'TENCENT_SECRET_KEY',
    'TENCENT_SMS_SDK_APP_ID',
    'TENCENT_SMS_SIGN_NAME',
    'SMS_TEMPLATE_MAP',
  ],
};

/** Settings that become required once a provider is chosen. */
const REQUIRED_WHEN: {
  when: (settings: Settings) => boolean;
  what: string;
  keys: (keyof Settings)[];
}[] = [
  ...(['smpp', 'aliyun', 'tencent'] as const).flatMap((provider) => [
    {
      when: (c: Settings) => c.SMS_PROVIDER === provider,
      what: `SMS_PROVIDER=${provider}`,
      keys: PROVIDER_KEYS[provider],
    },
    {
      when: (c: Settings) => c.SMS_FALLBACK_PROVIDER === provider,
      what: `SMS_FALLBACK_PROVIDER=${provider}`,
      keys: PROVIDER_KEYS[provider],
    },
  ]),
  { when: (c) => c.SMTP_URL !== undefined, what: 'SMTP_URL', keys: ['MAIL_FROM'] },
];

const isCluster = (url: string) => {
  try {
    return redisTarget(url).kind === 'cluster';
  } catch {
    return false;
  }
};

/** The settings, with those a chosen provider needs made required. */
export const configSchema = settings.superRefine((config, ctx) => {
  for (const rule of REQUIRED_WHEN) {
    if (!rule.when(config)) continue;
    for (const key of rule.keys.filter((k) => config[k] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `required with ${rule.what}` });
    }
  }
  if (config.NODE_ENV === 'production' && config.PHONE_VERIFICATION === 'off') {
    ctx.addIssue({
      code: 'custom',
      path: ['PHONE_VERIFICATION'],
      message: 'must be required in production: online petitions need a verified phone',
    });
  }
  if (isCluster(config.REDIS_URL) && !/^[^{}]*\{[^{}]+\}[^{}]*$/.test(config.QUEUE_PREFIX)) {
    ctx.addIssue({
      code: 'custom',
      path: ['QUEUE_PREFIX'],
      message: 'needs one hash tag such as {xinfang} with a Redis Cluster',
    });
  }
  if (config.SMS_FALLBACK_PROVIDER === config.SMS_PROVIDER) {
    ctx.addIssue({
      code: 'custom',
      path: ['SMS_FALLBACK_PROVIDER'],
      message: 'must differ from SMS_PROVIDER',
    });
  }
});

export type AppConfig = z.infer<typeof configSchema>;

/** Thrown when the environment is missing or has a malformed setting. */
export class ConfigError extends Error {}

/** Validates an environment; the error names each bad setting and why. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
  );
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}
