import type { Role } from '#common';
import type { EntityManager } from 'typeorm';

export type RevokeReason = 'LOGOUT' | 'REUSED' | 'ACCOUNT_CHANGED' | 'PASSWORD_CHANGED';

/** A refresh token with the account it speaks for, as they are now. */
export interface RefreshRow {
  id: string;
  family_id: string;
  account_version: number;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  staff_id: string;
  username: string;
  unit_code: string;
  roles: Role[];
  active: boolean;
  version: number;
}

/** routing.refresh_token: sign-ins, each a family of refresh tokens stored as their hashes. */
export class RefreshTokensRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Tokens of the account that ended more than a day ago are of no more use. */
  async deleteLongExpired(staffId: string): Promise<void> {
    await this.manager.query(
      `DELETE FROM routing.refresh_token
       WHERE staff_id = $1 AND expires_at < now() - interval '1 day'`,
      [staffId],
    );
  }

  async add(token: {
    id: string;
    familyId: string;
    staffId: string;
    hash: Buffer;
    accountVersion: number;
    expiresAt: Date;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO routing.refresh_token
         (id, family_id, staff_id, token_hash, account_version, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [token.id, token.familyId, token.staffId, token.hash, token.accountVersion, token.expiresAt],
    );
  }

  /** The token with that hash and its account, the token locked. */
  async lockByHash(hash: Buffer): Promise<RefreshRow | undefined> {
    const [row] = await this.manager.query<RefreshRow[]>(
      `SELECT t.id, t.family_id, t.account_version, t.expires_at, t.used_at, t.revoked_at,
              a.id AS staff_id, a.username, a.unit_code, a.roles, a.active, a.version
       FROM routing.refresh_token t JOIN routing.staff_account a ON a.id = t.staff_id
       WHERE t.token_hash = $1
       FOR UPDATE OF t`,
      [hash],
    );
    return row;
  }

  async familyOf(hash: Buffer): Promise<string | undefined> {
    const [row] = await this.manager.query<{ family_id: string }[]>(
      `SELECT family_id FROM routing.refresh_token WHERE token_hash = $1`,
      [hash],
    );
    return row?.family_id;
  }

  async markUsed(id: string): Promise<void> {
    await this.manager.query(`UPDATE routing.refresh_token SET used_at = now() WHERE id = $1`, [
      id,
    ]);
  }

  async revokeAccount(staffId: string, reason: RevokeReason): Promise<void> {
    await this.manager.query(
      `UPDATE routing.refresh_token SET revoked_at = now(), revoked_reason = $2
       WHERE staff_id = $1 AND revoked_at IS NULL`,
      [staffId, reason],
    );
  }

  async revokeFamily(familyId: string, reason: RevokeReason): Promise<void> {
    await this.manager.query(
      `UPDATE routing.refresh_token SET revoked_at = now(), revoked_reason = $2
       WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
  }
}
