import type { ConnectionOptions } from 'bullmq';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { redisTarget, type RedisTarget } from './redis-target.js';

export type RedisClient = Redis | Cluster;

/**
 * A client of what REDIS_URL names. `options` are per connection (timeouts, retries, offline
 * queue); for a Cluster they apply to every node, and the offline queue to the cluster too.
 */
export function createRedis(url: string, options: RedisOptions = {}): RedisClient {
  const target = redisTarget(url);
  switch (target.kind) {
    case 'server':
      return new Redis(url, options);
    case 'sentinel':
      return new Redis(sentinelOptions(target, options));
    case 'cluster':
      return new Cluster(target.nodes, {
        lazyConnect: options.lazyConnect,
        enableOfflineQueue: options.enableOfflineQueue,
        ...(options.retryStrategy ? { clusterRetryStrategy: options.retryStrategy } : {}),
        redisOptions: { ...options, username: target.username, password: target.password },
      });
  }
}

/**
 * A client for a check that has another way when Redis is away: a command fails at once (no
 * offline queue, one retry) rather than waiting for a reconnect, and the client's own connection
 * errors are dropped, the failing command being what the caller handles.
 */
export function createFailFastRedis(url: string): RedisClient {
  const redis = createRedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  return redis;
}

/**
 * The `connection` BullMQ is given. A server or Sentinel set as options, so that BullMQ opens and
 * closes its own connections; a Cluster as a client, which is the only way BullMQ takes one: the
 * caller closes it after the queue or worker.
 */
export function bullConnection(url: string, options: RedisOptions): ConnectionOptions {
  const target = redisTarget(url);
  switch (target.kind) {
    case 'server':
      return { url, ...options } as ConnectionOptions;
    case 'sentinel':
      return sentinelOptions(target, options) as ConnectionOptions;
    case 'cluster':
      return createRedis(url, options);
  }
}

/** Closes what bullConnection opened for a Cluster; BullMQ does not close a client it was given. */
export async function closeBullConnection(connection: unknown): Promise<void> {
  if (!(connection instanceof Cluster)) return;
  await connection.quit().catch(() => {
    connection.disconnect();
  });
}

function sentinelOptions(
  target: Extract<RedisTarget, { kind: 'sentinel' }>,
  options: RedisOptions,
): RedisOptions {
  return {
    ...options,
    sentinels: target.sentinels,
    name: target.masterName,
    db: target.db,
    username: target.username,
    password: target.password,
    sentinelPassword: target.sentinelPassword,
    // Learn a failover from the Sentinels' +switch-master even when the old master stays
    // reachable (a partition), instead of writing to it until it is demoted.
    failoverDetector: true,
  };
}
