import { HttpStatus, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createFailFastRedis, type RedisClient } from '../redis/redis-client.js';
import { ApiError } from './errors.js';

/** One counter: at most `limit` hits per `windowMs` for `key` (a phone's index, an IP…). */
export interface LimitWindow {
  name: string;
  key: string;
  limit: number;
  windowMs: number;
}

/** A 429 that says when to come back (rendered as Retry-After by ApiExceptionFilter). */
export class RateLimited extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS', {
      zh: `请求过于频繁，请${retryAfterSeconds}秒后再试`,
      en: `Too many requests; try again in ${retryAfterSeconds} s`,
    });
  }
}

// ARGV[1]: 'take' adds a hit to every window unless one of them is full (then none);
// 'check' adds nothing; 'count' adds regardless. ARGV[1 + i] is window i's length in ms,
// ARGV[1 + n + i] its limit. Returns whether it added, then per window its hits and ms left. Fixed windows,
// atomic in Redis, shared by every replica.
const COUNT = `
local n = #KEYS
local mode = ARGV[1]
local add = mode == 'count'
if mode == 'take' then
  add = true
  for i, key in ipairs(KEYS) do
    if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[1 + n + i]) then add = false end
  end
end
local result = { add and 1 or 0 }
for i, key in ipairs(KEYS) do
  local hits
  if add then
    hits = redis.call('INCR', key)
    if hits == 1 then redis.call('PEXPIRE', key, ARGV[1 + i]) end
  else
    hits = tonumber(redis.call('GET', key) or '0')
  end
  result[#result + 1] = hits
  result[#result + 1] = redis.call('PTTL', key)
end
return result`;

/**
 * Counters for what the public may do, in Redis. `take` counts a request and refuses it over
 * the limit; `check` refuses without counting and `count` counts without refusing, for limits
 * on failures only (a caller who gets it right is never counted). When Redis is away limits are
 * not applied, as with the tracking throttle: the codes themselves resist guessing.
 */
export class EdgeLimits implements OnModuleDestroy {
  private readonly logger = new Logger(EdgeLimits.name);
  private readonly redis: RedisClient;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = createFailFastRedis(url);
  }

  /**
   * Refuses (429) when any window is full; otherwise counts the request in every window. A
   * refused request counts nowhere, so waiting for Retry-After is enough.
   */
  async take(windows: LimitWindow[]): Promise<void> {
    const { added, counts } = await this.run(windows, 'take');
    if (!added) refuseFull(counts);
  }

  /** Refuses (429) when any window is full, counting nothing. */
  async check(windows: LimitWindow[]): Promise<void> {
    refuseFull((await this.run(windows, 'check')).counts);
  }

  /** Counts a hit in every window. */
  async count(windows: LimitWindow[]): Promise<void> {
    await this.run(windows, 'count');
  }

  private async run(windows: LimitWindow[], mode: 'take' | 'check' | 'count') {
    if (windows.length === 0) return { added: true, counts: [] };
    try {
      const reply = (await this.redis.eval(
        COUNT,
        windows.length,
        ...windows.map((w) => `${this.prefix}:edge:${w.name}:${w.key}`),
        mode,
        ...windows.map((w) => String(w.windowMs)),
        ...windows.map((w) => String(w.limit)),
      )) as number[];
      const counts = windows.map((window, i): Counted => ({
        window,
        hits: Number(reply[1 + 2 * i]),
        ttlMs: Number(reply[2 + 2 * i]),
      }));
      return { added: reply[0] === 1, counts };
    } catch (error) {
      this.logger.warn(`limit not applied, Redis unavailable: ${(error as Error).message}`);
      return { added: true, counts: [] };
    }
  }

  onModuleDestroy() {
    this.redis.disconnect();
  }
}

interface Counted {
  window: LimitWindow;
  hits: number;
  ttlMs: number;
}

/** Throws when a window is full, saying when the longest-waiting one opens again. */
function refuseFull(counts: Counted[]) {
  const over = counts.filter((c) => c.hits >= c.window.limit);
  if (over.length === 0) return;
  const waitMs = Math.max(...over.map((c) => (c.ttlMs > 0 ? c.ttlMs : c.window.windowMs)));
  throw new RateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
}
