import { createFailFastRedis, type RedisClient } from '#common';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { AppConfig } from '#common';
import { LoginFailuresRepository } from './login-failures.repository.js';

/**
 * Reserves one sign-in attempt for a username and a client IP, atomically. Refused (with the
 * milliseconds left) while either is locked out. Otherwise the attempt is counted as a failure
 * now, and when that failure reaches the threshold the lockout it would start is set now too, so
 * guesses sent in parallel cannot slip past the limit while this one is being checked: a
 * success takes the count and the lockout back. Each failure past the threshold doubles the
 * lockout, up to the maximum; the counts are forgotten a day after the last failure.
 *
 * KEYS: user failures, user lockout, IP failures, IP lockout.
 * ARGV: user threshold, IP threshold, first lockout ms, longest lockout ms, memory ms.
 */
const BEGIN = `
local function left(key)
  local ms = redis.call('PTTL', key)
  if ms > 0 then return ms end
  return 0
end
local locked = math.max(left(KEYS[2]), left(KEYS[4]))
if locked > 0 then return { 0, locked, 0, 0 } end
local function reserve(failures, lockout, threshold)
  local n = redis.call('INCR', failures)
  redis.call('PEXPIRE', failures, ARGV[5])
  if n < threshold then return 0 end
  local ms = math.floor(math.min(tonumber(ARGV[3]) * 2 ^ (n - threshold), tonumber(ARGV[4])))
  redis.call('SET', lockout, '1', 'PX', ms)
  return ms
end
local user = reserve(KEYS[1], KEYS[2], tonumber(ARGV[1]))
local ip = reserve(KEYS[3], KEYS[4], tonumber(ARGV[2]))
return { 1, 0, user, ip }`;

/** A reserved attempt, to be settled as a success or a failure. */
export interface LoginAttempt {
  username: string;
  clientIp: string;
  keys: [string, string, string, string];
  /** The lockouts this attempt set in advance (ms), in force if it fails. */
  userLockMs: number;
  ipLockMs: number;
  counted: boolean;
}

export type AttemptOutcome =
  { allowed: true; attempt: LoginAttempt } | { allowed: false; retryAfterSeconds: number };

export type FailureReason = 'UNKNOWN_USER' | 'WRONG_PASSWORD' | 'DISABLED';

const DAY_MS = 86_400_000;

/**
 * The staff sign-in throttle: per username and per client IP, with a lockout that doubles
 * (LOGIN_FAILURES_PER_USER, LOGIN_FAILURES_PER_IP, LOGIN_LOCKOUT_SECONDS,
 * LOGIN_LOCKOUT_MAX_SECONDS). Counters live in Redis, shared by every routing replica; every
 * failure is also kept in routing.login_failure (never the password), which stands in for Redis
 * when it cannot be reached.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly perUser: number;
  private readonly perIp: number;
  private readonly firstLockoutMs: number;
  private readonly longestLockoutMs: number;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly dataSource: DataSource,
  ) {
    this.redis = createFailFastRedis(config.get('REDIS_URL', { infer: true }));
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:login`;
    this.perUser = config.get('LOGIN_FAILURES_PER_USER', { infer: true });
    this.perIp = config.get('LOGIN_FAILURES_PER_IP', { infer: true });
    this.firstLockoutMs = config.get('LOGIN_LOCKOUT_SECONDS', { infer: true }) * 1000;
    this.longestLockoutMs = config.get('LOGIN_LOCKOUT_MAX_SECONDS', { infer: true }) * 1000;
  }

  async begin(username: string, clientIp: string): Promise<AttemptOutcome> {
    const user = `${this.prefix}:user:${username.toLowerCase()}`;
    const ip = `${this.prefix}:ip:${clientIp}`;
    const keys: LoginAttempt['keys'] = [
      `${user}:failures`,
      `${user}:lockout`,
      `${ip}:failures`,
      `${ip}:lockout`,
    ];
    let reply: [number, number, number, number];
    try {
      reply = (await this.redis.eval(
        BEGIN,
        4,
        ...keys,
        this.perUser,
        this.perIp,
        this.firstLockoutMs,
        this.longestLockoutMs,
        DAY_MS,
      )) as [number, number, number, number];
    } catch (error) {
      this.logger.warn(`sign-in throttle from the database, Redis: ${(error as Error).message}`);
      return this.beginWithoutRedis(username, clientIp, keys);
    }
    const [allowed, lockedMs, userLockMs, ipLockMs] = reply;
    if (!allowed) return { allowed: false, retryAfterSeconds: Math.ceil(lockedMs / 1000) };
    return {
      allowed: true,
      attempt: { username, clientIp, keys, userLockMs, ipLockMs, counted: true },
    };
  }

  /** The credentials were right: the username's count starts again, the IP's attempt is refunded. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    if (!attempt.counted) return;
    const [userFailures, userLockout, ipFailures, ipLockout] = attempt.keys;
    const pipeline = this.redis.multi().del(userFailures, userLockout).decr(ipFailures);
    if (attempt.ipLockMs > 0) pipeline.del(ipLockout);
    await pipeline.exec().catch(() => undefined);
  }

  /**
   * The credentials were wrong: the lockout this attempt set in advance runs from now, and the
   * failure is kept, with the lockout it started, if any.
   */
  async failed(
    attempt: LoginAttempt,
    endpoint: 'login' | 'password',
    reason: FailureReason,
    staffId: string | null,
  ): Promise<void> {
    const [, userLockout, , ipLockout] = attempt.keys;
    const restart = this.redis.multi();
    if (attempt.userLockMs > 0) restart.set(userLockout, '1', 'PX', attempt.userLockMs);
    if (attempt.ipLockMs > 0) restart.set(ipLockout, '1', 'PX', attempt.ipLockMs);
    if (attempt.userLockMs > 0 || attempt.ipLockMs > 0) await restart.exec().catch(() => undefined);
    const lockedMs = Math.max(attempt.userLockMs, attempt.ipLockMs);
    await new LoginFailuresRepository(this.dataSource.manager).add({
      endpoint,
      username: attempt.username.slice(0, 64),
      staffId,
      clientIp: attempt.clientIp,
      reason,
      lockedForSeconds: lockedMs > 0 ? Math.ceil(lockedMs / 1000) : null,
    });
  }

  /**
   * Without Redis: the failures of the last LOGIN_LOCKOUT_SECONDS × 16 in the database decide
   * (at least 15 minutes), and a username or IP over its threshold waits the first lockout.
   */
  private async beginWithoutRedis(
    username: string,
    clientIp: string,
    keys: LoginAttempt['keys'],
  ): Promise<AttemptOutcome> {
    const windowMs = Math.max(15 * 60_000, this.firstLockoutMs * 16);
    const failures = await new LoginFailuresRepository(this.dataSource.manager).countSince(
      username.slice(0, 64),
      clientIp,
      windowMs / 1000,
    );
    if (failures.user >= this.perUser || failures.ip >= this.perIp) {
      return { allowed: false, retryAfterSeconds: Math.ceil(this.firstLockoutMs / 1000) };
    }
    return {
      allowed: true,
      attempt: { username, clientIp, keys, userLockMs: 0, ipLockMs: 0, counted: false },
    };
  }

  onModuleDestroy() {
    this.redis.disconnect();
  }
}
