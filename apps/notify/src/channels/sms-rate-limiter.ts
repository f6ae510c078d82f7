import { createRedis, type RedisClient } from '#common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';

/**
 * A rate as a schedule (GCRA): each caller reserves the next free slots of its provider and is
 * told how long to wait for them. The provider's key holds when its schedule is free again, so
 * every replica shares it; Redis's clock decides (a test may pass its own "now" as ARGV[3]).
 */
const RESERVE = `
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local free = tonumber(redis.call('GET', KEYS[1]) or now)
if free < now then free = now end
local after = free + tonumber(ARGV[1]) * tonumber(ARGV[2])
redis.call('SET', KEYS[1], after, 'PX', math.ceil(after - now) + 1000)
return free - now`;

/** Messages per second per SMS provider, shared by every notify replica through Redis. */
export class SmsRateLimiter {
  private readonly logger = new Logger(SmsRateLimiter.name);
  private readonly redis: RedisClient;
  private readonly intervalMs: number;

  constructor(
    url: string,
    private readonly prefix: string,
    perSecond: number,
  ) {
    this.intervalMs = 1000 / perSecond;
    this.redis = createRedis(url, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
    this.redis.on('error', () => undefined);
  }

  /** Reserves `cost` messages for a provider; the milliseconds to wait before sending them. */
  async reserve(provider: string, cost: number, now?: number): Promise<number> {
    const wait = await this.redis.eval(
      RESERVE,
      1,
      `${this.prefix}:sms-rate:${provider}`,
      this.intervalMs,
      cost,
      ...(now === undefined ? [] : [now]),
    );
    return Number(wait);
  }

  /**
   * Waits for the provider's turn. Without Redis the message goes at once: the provider's own
   * limit answers a burst with a temporary error, which is retried.
   */
  async acquire(provider: string, cost: number): Promise<void> {
    let wait = 0;
    try {
      wait = await this.reserve(provider, cost);
    } catch (error) {
      this.logger.warn(`SMS rate limit not applied, Redis unavailable: ${String(error)}`);
    }
    if (wait > 0) await sleep(wait);
  }

  close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}
