import type { Role } from '#common';
import type { EntityManager } from 'typeorm';
import { StaffAccount } from '../database/staff-account.entity.js';

/** An account as administration reads it: never its password hash. */
export interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  roles: Role[];
  active: boolean;
  version: number;
  must_change_password: boolean;
  created_at: Date;
  password_changed_at: Date | null;
}

const COLUMNS = `id, username, display_name, unit_code, roles, active, version,
  must_change_password, created_at, password_changed_at`;

/** routing.staff_account: staff accounts, their roles, passwords and versions. */
export class StaffAccountRepository {
  constructor(private readonly manager: EntityManager) {}

  activeById(id: string): Promise<StaffAccount | null> {
    return this.manager.findOneBy(StaffAccount, { id, active: true });
  }

  /** The unit's active accounts, by username. */
  activeOfUnit(unitCode: string): Promise<StaffAccount[]> {
    return this.manager.find(StaffAccount, {
      where: { unitCode, active: true },
      order: { username: 'ASC' },
    });
  }

  /** Whether the unit has an active dispatcher. */
  async hasActiveDispatcher(unitCode: string): Promise<boolean> {
    const [staffed] = await this.manager.query<unknown[]>(
      `SELECT 1 FROM routing.staff_account
        WHERE unit_code = $1 AND active AND 'dispatcher' = ANY (roles) LIMIT 1`,
      [unitCode],
    );
    return Boolean(staffed);
  }

  /** The unit's active accounts that handle its cases or lead it, by username. */
  handlersAndLeadersOf(unitCode: string): Promise<StaffAccount[]> {
    return this.manager
      .createQueryBuilder(StaffAccount, 'a')
      .where('a.unitCode = :code AND a.active', { code: unitCode })
      .andWhere(`a.roles && ARRAY['handler', 'unit_leader']::text[]`)
      .orderBy('a.username')
      .getMany();
  }

  byUsername(username: string): Promise<StaffAccount | null> {
    return this.manager.findOneBy(StaffAccount, { username });
  }

  existsByUsername(username: string): Promise<boolean> {
    return this.manager.existsBy(StaffAccount, { username });
  }

  /** Who a username is, for the sign-in audit; undefined when no account has it. */
  async idAndUnitOf(username: string): Promise<{ id: string; unit_code: string } | undefined> {
    const [account] = await this.manager.query<{ id: string; unit_code: string }[]>(
      `SELECT id, unit_code FROM routing.staff_account WHERE username = $1`,
      [username],
    );
    return account;
  }

  /** A page of the accounts that pass the filters, by username, each with the count of all. */
  search(filters: {
    unitCode: string | null;
    role: string | null;
    active: boolean | null;
    limit: number;
    offset: number;
  }): Promise<(AccountRow & { total: number })[]> {
    return this.manager.query<(AccountRow & { total: number })[]>(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM routing.staff_account
       WHERE ($1::text IS NULL OR unit_code = $1) AND ($2::text IS NULL OR $2 = ANY (roles))
         AND ($3::boolean IS NULL OR active = $3)
       ORDER BY username LIMIT $4 OFFSET $5`,
      [filters.unitCode, filters.role, filters.active, filters.limit, filters.offset],
    );
  }

  async row(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.manager.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM routing.staff_account WHERE id = $1`,
      [id],
    );
    return row;
  }

  async lockRow(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.manager.query<AccountRow[]>(
      `SELECT ${COLUMNS} FROM routing.staff_account WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  /** Changes what is given (null: unchanged); the account as it is then. */
  async change(
    id: string,
    changes: {
      displayName: string | null;
      active: boolean | null;
      roles: Role[] | null;
      unitCode: string | null;
    },
  ): Promise<AccountRow> {
    const [[row]] = await this.manager.query<[[AccountRow], number]>(
      `UPDATE routing.staff_account
       SET display_name = COALESCE($2, display_name), active = COALESCE($3, active),
           roles = COALESCE($4, roles), unit_code = COALESCE($5, unit_code)
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.displayName, changes.active, changes.roles, changes.unitCode],
    );
    return row;
  }

  /** A password an admin set, to be changed at the next sign-in; the account as it is then. */
  async resetPassword(id: string, hash: string): Promise<AccountRow> {
    const [[row]] = await this.manager.query<[[AccountRow], number]>(
      `UPDATE routing.staff_account SET password_hash = $2, must_change_password = true
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, hash],
    );
    return row;
  }

  /** The holder's own new password, if the account is active; its version then. */
  async changePassword(id: string, hash: string): Promise<number | undefined> {
    const [[changed]] = await this.manager.query<[({ version: number } | undefined)[], number]>(
      `UPDATE routing.staff_account
       SET password_hash = $2, must_change_password = false, password_changed_at = now()
       WHERE id = $1 AND active RETURNING version`,
      [id, hash],
    );
    return changed?.version;
  }
}
