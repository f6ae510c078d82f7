import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccountCheck,
  ApiError,
  notFound,
  pageOffset,
  Transactions,
  validationFailed,
  type AccountState,
  type StaffUser,
} from '#common';
import { StaffAccount } from '../database/staff-account.entity.js';
import { UnitRepository } from '../units/unit.repository.js';
import { oneTimePassword } from './password-policy.js';
import { createStaffAccount, hashPassword } from './staff-accounts.service.js';
import type { AccountChanges, AccountSearch, NewAccount } from './staff-admin.schemas.js';
import { StaffAccountRepository, type AccountRow } from './staff-account.repository.js';
import { StaffSessions } from './staff-sessions.service.js';

const ACCOUNT = { zh: '账号', en: 'Account' };

/** An account as admins see it: never its password hash. */
const shown = (row: AccountRow) => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  unitCode: row.unit_code,
  roles: row.roles,
  active: row.active,
  passwordChangeRequired: row.must_change_password,
  createdAt: row.created_at,
  passwordChangedAt: row.password_changed_at,
});

const ownAccount = (en: string, zh: string) =>
  new ApiError(HttpStatus.CONFLICT, 'OWN_ACCOUNT', { zh, en });

/**
 * Staff administration (admins): accounts are created, disabled and enabled, re-roled, moved to
 * another unit and given a one-time password. Every change that raises the account's version
 * ends its sign-ins in the same transaction, and is written to the services' account cache
 * once committed, so the old tokens stop working at once.
 */
@Injectable()
export class StaffAdmin {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly sessions: StaffSessions,
    private readonly accountCheck: AccountCheck,
  ) {}

  async create(input: NewAccount) {
    const password = input.password ?? oneTimePassword();
    // Through Transactions: the audit trail's entry commits with the change.
    const id = await this.transactions.run(async ({ manager }) => {
      await this.activeUnit(manager, input.unitCode, 'unitCode');
      if (await new StaffAccountRepository(manager).existsByUsername(input.username)) {
        throw new ApiError(HttpStatus.CONFLICT, 'USERNAME_TAKEN', {
          zh: `用户名${input.username}已被使用`,
          en: `The username ${input.username} is taken`,
        });
      }
      // Someone else chose it: the holder replaces it at the first sign-in.
      const account = await createStaffAccount(manager.getRepository(StaffAccount), {
        username: input.username,
        displayName: input.displayName,
        unitCode: input.unitCode,
        roles: input.roles,
        password,
        mustChangePassword: true,
      });
      return account.id;
    });
    return {
      ...(await this.get(id)),
      ...(input.password === undefined && { oneTimePassword: password }),
    };
  }

  async list(search: AccountSearch) {
    const rows = await new StaffAccountRepository(this.dataSource.manager).search({
      unitCode: search.unitCode ?? null,
      role: search.role ?? null,
      active: search.active ?? null,
      limit: search.pageSize,
      offset: pageOffset(search),
    });
    return {
      items: rows.map(shown),
      page: search.page,
      pageSize: search.pageSize,
      total: rows[0]?.total ?? 0,
    };
  }

  async get(id: string) {
    const row = await new StaffAccountRepository(this.dataSource.manager).row(id);
    if (!row) throw notFound(ACCOUNT);
    return shown(row);
  }

  /** Disables or enables, re-roles, moves or renames an account. */
  async update(admin: StaffUser, id: string, changes: AccountChanges) {
    if (id === admin.id && changes.active === false) {
      throw ownAccount('An admin cannot disable their own account', '管理员不能停用自己的账号');
    }
    if (id === admin.id && changes.roles && !changes.roles.includes('admin')) {
      throw ownAccount(
        'An admin cannot take the admin role from their own account',
        '管理员不能取消自己的管理员角色',
      );
    }
    const state = await this.transactions.run(async ({ manager }) => {
      const current = await this.lock(manager, id);
      if (changes.unitCode !== undefined && changes.unitCode !== current.unit_code) {
        await this.activeUnit(manager, changes.unitCode, 'unitCode');
      }
      const row = await new StaffAccountRepository(manager).change(id, {
        displayName: changes.displayName ?? null,
        active: changes.active ?? null,
        roles: changes.roles ?? null,
        unitCode: changes.unitCode ?? null,
      });
      return this.afterChange(manager, current, row, 'ACCOUNT_CHANGED');
    });
    await this.publish(state);
    return shown(state.row);
  }

  /** A one-time password, returned once, to be changed at the next sign-in. */
  async resetPassword(id: string) {
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    const state = await this.transactions.run(async ({ manager }) => {
      const current = await this.lock(manager, id);
      const row = await new StaffAccountRepository(manager).resetPassword(id, hash);
      return this.afterChange(manager, current, row, 'PASSWORD_CHANGED');
    });
    await this.publish(state);
    return { ...shown(state.row), oneTimePassword: password };
  }

  private async lock(manager: EntityManager, id: string): Promise<AccountRow> {
    const row = await new StaffAccountRepository(manager).lockRow(id);
    if (!row) throw notFound(ACCOUNT);
    return row;
  }

  /** A change that moved the version ends the account's sign-ins. */
  private async afterChange(
    manager: EntityManager,
    before: AccountRow,
    row: AccountRow,
    reason: 'ACCOUNT_CHANGED' | 'PASSWORD_CHANGED',
  ): Promise<{ row: AccountRow; changed: AccountState | null }> {
    if (row.version === before.version) return { row, changed: null };
    await this.sessions.revokeAll(manager, row.id, reason);
    return { row, changed: { version: row.version, active: row.active } };
  }

  private async publish(state: { row: AccountRow; changed: AccountState | null }) {
    if (state.changed) await this.accountCheck.accountChanged(state.row.id, state.changed);
  }

  private async activeUnit(manager: EntityManager, code: string, field: string) {
    if (await new UnitRepository(manager).isActive(code)) return;
    throw validationFailed([
      {
        field,
        code: 'UNIT_UNKNOWN',
        messages: {
          zh: `单位${code}不存在或已停用`,
          en: `There is no active unit ${code}`,
        },
      },
    ]);
  }
}
