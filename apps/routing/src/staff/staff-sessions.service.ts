import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccountCheck,
  ApiError,
  signInEnded,
  TokenAudience,
  type AppConfig,
  type Role,
  type StaffTokenClaims,
} from '#common';
import { RefreshTokensRepository, type RevokeReason } from './refresh-tokens.repository.js';

/** What login, refresh and a password change return. */
export interface TokenPair {
  tokenType: 'Bearer';
  /** For every service's API, for at most JWT_TTL_SECONDS (15 minutes). */
  accessToken: string;
  expiresIn: number;
  /** Opaque, one use: exchanged at POST /api/v1/auth/refresh for a new pair. */
  refreshToken: string;
  /** When the sign-in ends, however often it is refreshed. */
  refreshExpiresAt: string;
}

/** The account a sign-in speaks for, as it is now. */
export interface SessionAccount {
  id: string;
  username: string;
  unitCode: string;
  roles: Role[];
  version: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest();

const refreshInvalid = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'REFRESH_TOKEN_INVALID', {
    zh: '登录已过期或已退出，请重新登录',
    en: 'The refresh token is not valid (expired, revoked or unknown); sign in again',
  });

const refreshReused = () =>
  new ApiError(HttpStatus.UNAUTHORIZED, 'REFRESH_TOKEN_REUSED', {
    zh: '该刷新令牌已使用过，为安全起见本次登录已全部注销，请重新登录',
    en: 'This refresh token was already used; for safety the whole sign-in has been ended. Sign in again',
  });

/**
 * Sign-ins (a family of refresh tokens). Each refresh token is 256 random bits, stored as its
 * SHA-256, good once: a refresh marks it used and issues the next one of the family with a new
 * access token. A used token presented again means it was copied: the whole family is revoked.
 * A family ends REFRESH_TOKEN_TTL_SECONDS after its login, whatever the refreshes, and at once
 * when the account changes (its version moved) or on logout.
 */
@Injectable()
export class StaffSessions {
  private readonly accessSeconds: number;
  private readonly signInSeconds: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly accountCheck: AccountCheck,
    config: ConfigService<AppConfig, true>,
  ) {
    this.accessSeconds = config.get('JWT_TTL_SECONDS', { infer: true });
    this.signInSeconds = config.get('REFRESH_TOKEN_TTL_SECONDS', { infer: true });
  }

  /** A new sign-in for an account that has just proved its password. */
  async start(manager: EntityManager, account: SessionAccount): Promise<TokenPair> {
    await new RefreshTokensRepository(manager).deleteLongExpired(account.id);
    const expiresAt = new Date(Date.now() + this.signInSeconds * 1000);
    return this.issue(manager, account, randomUUID(), expiresAt);
  }

  /** The next pair of the sign-in, for a refresh token not used before. */
  async refresh(token: string): Promise<TokenPair> {
    type Outcome = { pair: TokenPair } | { refused: ApiError; ended?: string };
    const outcome = await this.dataSource.transaction(async (manager): Promise<Outcome> => {
      const tokens = new RefreshTokensRepository(manager);
      const row = await tokens.lockByHash(hashOf(token));
      if (!row || row.revoked_at) return { refused: refreshInvalid() };
      if (row.used_at) {
        await tokens.revokeFamily(row.family_id, 'REUSED');
        return { refused: refreshReused(), ended: row.family_id };
      }
      if (row.expires_at.getTime() <= Date.now()) return { refused: refreshInvalid() };
      if (!row.active || row.version !== row.account_version) {
        await tokens.revokeFamily(row.family_id, 'ACCOUNT_CHANGED');
        return { refused: signInEnded(), ended: row.family_id };
      }
      await tokens.markUsed(row.id);
      const account: SessionAccount = {
        id: row.staff_id,
        username: row.username,
        unitCode: row.unit_code,
        roles: row.roles,
        version: row.version,
      };
      return { pair: await this.issue(manager, account, row.family_id, row.expires_at) };
    });
    if ('pair' in outcome) return outcome.pair;
    // Committed: the revocation stands although the request is refused.
    if (outcome.ended) await this.accountCheck.sessionEnded(outcome.ended);
    throw outcome.refused;
  }

  /** Ends the sign-in the refresh token belongs to, and its access tokens. Unknown: nothing. */
  async logout(token: string): Promise<void> {
    const family = await this.dataSource.transaction(async (manager) => {
      const tokens = new RefreshTokensRepository(manager);
      const familyId = await tokens.familyOf(hashOf(token));
      if (familyId) await tokens.revokeFamily(familyId, 'LOGOUT');
      return familyId;
    });
    if (family) await this.accountCheck.sessionEnded(family);
  }

  /** Every open sign-in of the account ends (in the transaction that changes it). */
  async revokeAll(manager: EntityManager, staffId: string, reason: RevokeReason): Promise<void> {
    await new RefreshTokensRepository(manager).revokeAccount(staffId, reason);
  }

  private async issue(
    manager: EntityManager,
    account: SessionAccount,
    familyId: string,
    expiresAt: Date,
  ): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await new RefreshTokensRepository(manager).add({
      id: randomUUID(),
      familyId,
      staffId: account.id,
      hash: hashOf(refreshToken),
      accountVersion: account.version,
      expiresAt,
    });
    const claims: StaffTokenClaims = {
      sub: account.id,
      username: account.username,
      unit: account.unitCode,
      roles: account.roles,
      ver: account.version,
      sid: familyId,
    };
    // An access token never outlives its sign-in.
    const left = Math.floor((expiresAt.getTime() - Date.now()) / 1000);
    const expiresIn = Math.max(1, Math.min(this.accessSeconds, left));
    const accessToken = await this.jwt.signAsync(claims, {
      audience: TokenAudience.Api,
      expiresIn,
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      expiresIn,
      refreshToken,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }
}
