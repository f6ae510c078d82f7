import { z } from 'zod';
import { PersonalDataCipher } from '../personal-data/personal-data-cipher.js';

const url = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`) });

const port = z.coerce.number().int().min(1).max(65535);

/** Every setting a xinfang process reads. Unknown variables are ignored. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgres', 'postgresql']).default(
    'postgres://postgres@127.0.0.1:5432/xinfang',
  ),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  // The hash tag keeps every key of a queue in one Redis Cluster slot.
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _ - { } only')
    .default('{xinfang}'),
  INTAKE_PORT: port.default(3001),
  ROUTING_PORT: port.default(3002),
  NOTIFY_PORT: port.default(3003),
  // Signs staff tokens; shared by the three services, which all verify them.
  JWT_SECRET: z.string().min(32, 'at least 32 characters'),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
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
  // "off" runs an API-only replica: another replica (or a restart) publishes its outbox.
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  // Where intake stores attachment files (a shared volume when intake has replicas).
  ATTACHMENT_DIR: z.string().min(1).default('./data/attachments'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Operations (docs/operations.md): per-queue concurrency overrides WORKER_CONCURRENCY.
  WORKER_CONCURRENCY_INTAKE: z.coerce.number().int().min(1).max(100).optional(),
  WORKER_CONCURRENCY_ROUTING: z.coerce.number().int().min(1).max(100).optional(),
  WORKER_CONCURRENCY_NOTIFY: z.coerce.number().int().min(1).max(100).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
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
