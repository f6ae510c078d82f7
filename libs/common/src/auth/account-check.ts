import { HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createFailFastRedis, type RedisClient } from '../redis/redis-client.js';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.schema.js';
import { ApiError } from '../http/errors.js';
import { accountState } from './staff-directory.repository.js';
import type { StaffTokenClaims } from './staff-user.js';

/** A valid token whose account changed (disabled, re-roled, moved, new password) or signed out. */
export const signInEnded = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'SIGN_IN_ENDED', {
    zh: '登录已失效（账号已变更或已退出），请重新登录',
    en: 'This sign-in has ended (the account changed or was signed out); sign in again',
  });

/** An account as the token check needs it: its version and whether it may sign in. */
export interface AccountState {
  version: number;
  active: boolean;
}

const ABSENT = 'none';
const encode = (state: AccountState | null) =>
  state ? `${state.version}:${state.active ? 1 : 0}` : ABSENT;
function decode(value: string): AccountState | null {
  const [version, active] = value.split(':');
  return value === ABSENT ? null : { version: Number(version), active: active === '1' };
}

/**
 * Whether a token still speaks for its account. Every change of an account's active flag, roles,
 * unit or password raises its version (a trigger on routing.staff_account), and a token carries
 * the version it was issued with. The services compare the two on every request through a copy
 * in Redis that lives ACCOUNT_CHECK_CACHE_SECONDS (routing also writes it at once when it
 * changes an account), so a disabled, re-roled or moved account loses access within that time
 * without a database read per request. A sign-in that was logged out is marked in Redis too.
 * Without Redis the check reads routing.staff_directory_v1 instead.
 */
@Injectable()
export class AccountCheck implements OnModuleDestroy {
  private readonly logger = new Logger(AccountCheck.name);
  private readonly redis: RedisClient;
  private readonly prefix: string;
  private readonly cacheSeconds: number;
  private readonly accessTokenSeconds: number;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly dataSource: DataSource,
  ) {
    this.redis = createFailFastRedis(config.get('REDIS_URL', { infer: true }));
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:staff`;
    this.cacheSeconds = config.get('ACCOUNT_CHECK_CACHE_SECONDS', { infer: true });
    this.accessTokenSeconds = config.get('JWT_TTL_SECONDS', { infer: true });
  }

  /** The account is as it was when the token was issued, and its sign-in was not ended. */
  async isCurrent(claims: Pick<StaffTokenClaims, 'sub' | 'ver' | 'sid'>): Promise<boolean> {
    if (typeof claims.ver !== 'number' || typeof claims.sid !== 'string') return false;
    const { account, sessionEnded } = await this.lookUp(claims.sub, claims.sid);
    return account !== null && account.active && account.version === claims.ver && !sessionEnded;
  }

  /** Routing, after committing a change to an account: the services see it at once. */
  async accountChanged(id: string, state: AccountState | null): Promise<void> {
    try {
      await this.redis.set(this.accountKey(id), encode(state), 'EX', this.cacheSeconds);
    } catch (error) {
      // The cached copy expires by itself within ACCOUNT_CHECK_CACHE_SECONDS.
      this.logger.warn(`account ${id} changed; cache not updated: ${(error as Error).message}`);
    }
  }

  /** Routing, on logout: the sign-in's access tokens stop working now rather than at expiry. */
  async sessionEnded(sessionId: string): Promise<void> {
    try {
      await this.redis.set(this.sessionKey(sessionId), '1', 'EX', this.accessTokenSeconds);
    } catch (error) {
      this.logger.warn(`sign-in ended, not marked in Redis: ${(error as Error).message}`);
    }
  }

  private async lookUp(id: string, sessionId: string) {
    let cached: (string | null)[];
    try {
      cached = await this.redis.mget(this.accountKey(id), this.sessionKey(sessionId));
    } catch (error) {
      this.logger.warn(`account check without Redis: ${(error as Error).message}`);
      return { account: await this.load(id), sessionEnded: false };
    }
    const [account, ended] = cached;
    const sessionEnded = ended !== null && ended !== undefined;
    if (account !== null && account !== undefined)
      return { account: decode(account), sessionEnded };
    const loaded = await this.load(id);
    await this.redis
      .set(this.accountKey(id), encode(loaded), 'EX', this.cacheSeconds)
      .catch(() => undefined);
    return { account: loaded, sessionEnded };
  }

  private async load(id: string): Promise<AccountState | null> {
    const row = await accountState(this.dataSource, id);
    return row ? { version: row.version, active: row.active } : null;
  }

  private accountKey(id: string) {
    return `${this.prefix}:account:${id}`;
  }

  private sessionKey(sessionId: string) {
    return `${this.prefix}:session-ended:${sessionId}`;
  }

  onModuleDestroy() {
    this.redis.disconnect();
  }
}
