import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountCheck, ApiError, Transactions, validationFailed } from '#common';
import { StaffAccount } from '../database/staff-account.entity.js';
import { LoginThrottle, type LoginAttempt } from './login-throttle.service.js';
import { StaffAccountRepository } from './staff-account.repository.js';
import { hashPassword, passwordMatches } from './staff-accounts.service.js';
import { StaffSessions, type SessionAccount, type TokenPair } from './staff-sessions.service.js';

/** 429 while a username or client IP is locked out; the caller sets Retry-After. */
export class LockedOut extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'LOGIN_LOCKED', {
      zh: `登录失败次数过多，请${retryAfterSeconds}秒后再试`,
      en: `Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`,
    });
  }
}

const sessionAccount = (account: StaffAccount, version: number): SessionAccount => ({
  id: account.id,
  username: account.username,
  unitCode: account.unitCode,
  roles: account.roles,
  version,
});

const invalidCredentials = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', {
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  });

const passwordChangeRequired = () =>
  new ApiError(HttpStatus.FORBIDDEN, 'PASSWORD_CHANGE_REQUIRED', {
    zh: '请先修改初始密码（POST /api/v1/auth/password），再登录',
    en: 'This one-time password must be changed first (POST /api/v1/auth/password)',
  });

/**
 * Staff sign-in and password change. Both check a password, so both go through the throttle:
 * a locked-out username or IP is refused before any password is looked at.
 */
@Injectable()
export class StaffSignIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly throttle: LoginThrottle,
    private readonly sessions: StaffSessions,
    private readonly accountCheck: AccountCheck,
  ) {}

  /** Tokens for right credentials of an active account that need no password change. */
  async login(username: string, password: string, clientIp: string): Promise<TokenPair> {
    const account = await this.checkCredentials('login', username, password, clientIp);
    if (account.mustChangePassword) throw passwordChangeRequired();
    return this.dataSource.transaction((manager) =>
      this.sessions.start(manager, sessionAccount(account, account.version ?? 1)),
    );
  }

  /**
   * Changes the password (the one-time one after a reset, or any time): every other sign-in of
   * the account ends, and the caller is signed in anew.
   */
  async changePassword(
    username: string,
    currentPassword: string,
    newPassword: string,
    clientIp: string,
  ): Promise<TokenPair> {
    const account = await this.checkCredentials('password', username, currentPassword, clientIp);
    if (await passwordMatches(account.passwordHash, newPassword)) {
      throw validationFailed([
        {
          field: 'newPassword',
          code: 'PASSWORD_UNCHANGED',
          messages: {
            zh: '新密码不能与当前密码相同',
            en: 'The new password must differ from the current one',
          },
        },
      ]);
    }
    const hash = await hashPassword(newPassword);
    const { pair, version } = await this.transactions.run(async ({ manager }) => {
      const changed = await new StaffAccountRepository(manager).changePassword(account.id, hash);
      if (changed === undefined) throw invalidCredentials();
      await this.sessions.revokeAll(manager, account.id, 'PASSWORD_CHANGED');
      const tokens = await this.sessions.start(manager, sessionAccount(account, changed));
      return { pair: tokens, version: changed };
    });
    await this.accountCheck.accountChanged(account.id, { version, active: true });
    return pair;
  }

  private async checkCredentials(
    endpoint: 'login' | 'password',
    username: string,
    password: string,
    clientIp: string,
  ): Promise<StaffAccount> {
    const outcome = await this.throttle.begin(username, clientIp);
    if (!outcome.allowed) throw new LockedOut(outcome.retryAfterSeconds);
    const { attempt } = outcome;
    const account = await new StaffAccountRepository(this.dataSource.manager).byUsername(username);
    const valid = await passwordMatches(account?.passwordHash, password);
    if (account && account.active && valid) {
      await this.throttle.succeeded(attempt);
      return account;
    }
    await this.fail(attempt, endpoint, account, valid);
    throw invalidCredentials();
  }

  private async fail(
    attempt: LoginAttempt,
    endpoint: 'login' | 'password',
    account: StaffAccount | null,
    valid: boolean,
  ) {
    const reason = !account ? 'UNKNOWN_USER' : valid ? 'DISABLED' : 'WRONG_PASSWORD';
    await this.throttle.failed(attempt, endpoint, reason, account?.id ?? null);
  }
}
