import pg from 'pg';
import { createRedis, redisWhere } from '#common';

export class PreflightError extends Error {}

const where = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}`;
};

/**
 * Checks that PostgreSQL answers and creates the database when it does not exist yet, so a
 * newcomer's first `npm start` needs no manual step. Says how to start the server otherwise.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return;
  } catch (error) {
    await client.end().catch(() => undefined);
    if ((error as { code?: string }).code !== '3D000') {
      throw new PreflightError(
        `PostgreSQL cannot be reached at ${where(databaseUrl)} (DATABASE_URL): ${(error as Error).message}\n` +
          `Start it with \`docker compose up -d postgres\`, or on Debian/Ubuntu:\n` +
          `  sudo apt-get install -y postgresql && sudo pg_ctlcluster $(ls /etc/postgresql) main start`,
      );
    }
  }
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

export async function ensureRedis(redisUrl: string): Promise<void> {
  const redis = createRedis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new PreflightError(
      `Redis cannot be reached at ${redisWhere(redisUrl)} (REDIS_URL): ${(error as Error).message}\n` +
        `Start it with \`docker compose up -d redis\`, or on Debian/Ubuntu:\n` +
        `  sudo apt-get install -y redis-server && redis-server --daemonize yes --appendonly yes --maxmemory-policy noeviction`,
    );
  } finally {
    redis.disconnect();
  }
}
