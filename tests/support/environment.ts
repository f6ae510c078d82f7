import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig, PersonalDataCipher, type AppConfig } from '#common';
import { migrate } from '../../apps/cli/src/commands/migrate.js';
import { seedDemo } from '../../apps/cli/src/commands/seed-demo.js';
import { createScratchDatabase } from './scratch-database.js';

/** The Redis the tests use: the machine's own, unless TEST_REDIS_URL says otherwise. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnvironment {
  config: AppConfig;
  /** Settings for a spawned service process. */
  env: Record<string, string> & { ATTACHMENT_DIR: string };
  db: pg.Pool;
  dispose(): Promise<void>;
}

/**
 * A fresh database, migrated, and a queue prefix of its own, so test files run side by side
 * against the same servers without seeing each other. Both are removed by dispose().
 */
export async function createTestEnvironment(
  options: { demo?: boolean; redisUrl?: string } = {},
): Promise<TestEnvironment> {
  const database = await createScratchDatabase();
  const { id } = database;
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: options.redisUrl ?? REDIS_URL,
    QUEUE_PREFIX: `{xinfang-test-${id}}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    QUERY_CODE_SECRET: randomBytes(32).toString('hex'),
    PERSONAL_DATA_KEYS: PersonalDataCipher.newKeySetting(),
    PERSONAL_DATA_HASH_KEY: randomBytes(32).toString('hex'),
    OUTBOX_POLL_MS: '200',
    // Petitioners' SMS are held at night (QUIET_HOURS); tests that do not test that send at once.
    QUIET_HOURS: 'off',
    // Most tests post many online petitions and are not about the public edge: no SMS code, and
    // limits they never reach. tests/security/public-edge and phone-verification test those.
    PHONE_VERIFICATION: 'off',
    PUBLIC_PETITIONS_PER_IP_PER_HOUR: '1000000',
    PUBLIC_PETITIONS_PER_PHONE_PER_DAY: '1000000',
    ATTACHMENT_DIR: join(tmpdir(), `xinfang-test-${id}`),
    LOG_LEVEL: 'info',
  };
  const config = loadConfig(env);
  await migrate(config);
  if (options.demo) await seedDemo(config);
  const db = new pg.Pool({ connectionString: config.DATABASE_URL, max: 3 });

  return {
    config,
    env,
    db,
    async dispose() {
      await db.end();
      await deleteQueueKeys(env.REDIS_URL, env.QUEUE_PREFIX).catch(() => undefined);
      await rm(env.ATTACHMENT_DIR, { recursive: true, force: true });
      await database.drop();
    },
  };
}

async function deleteQueueKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 1_000 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
