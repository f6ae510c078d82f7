import { randomBytes } from 'node:crypto';
import { appendAuditEvent, AuditActions, Roles, type AppConfig, type Role } from '#common';
import { StaffAccount } from '../../../routing/src/database/staff-account.entity.js';
import { Unit } from '../../../routing/src/database/unit.entity.js';
import { routingData } from '../../../routing/src/database/routing-data.js';
import { passwordProblem } from '../../../routing/src/staff/password-policy.js';
import { createStaffAccount } from '../../../routing/src/staff/staff-accounts.service.js';
import { withDataSource } from '../service-data.js';
import { cliActor } from './audit.js';

export interface UserCreateOptions {
  username: string;
  displayName: string;
  unitCode: string;
  roles: string[];
  /** When absent a strong password is generated and printed once. */
  password?: string;
}

export class UsageError extends Error {}

export async function userCreate(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  options: UserCreateOptions,
) {
  const unknown = options.roles.filter((r) => !(Roles as readonly string[]).includes(r));
  if (options.roles.length === 0 || unknown.length > 0) {
    throw new UsageError(`--roles takes a comma-separated list of: ${Roles.join(', ')}`);
  }
  const problem = options.password === undefined ? null : passwordProblem(options.password);
  if (problem) throw new UsageError(`the password is refused: ${problem.en}`);
  const password = options.password ?? randomBytes(12).toString('base64url');
  return withDataSource(config, routingData, async (dataSource) => {
    if (!(await dataSource.getRepository(Unit).existsBy({ code: options.unitCode }))) {
      throw new UsageError(`no unit with code ${options.unitCode}`);
    }
    const accounts = dataSource.getRepository(StaffAccount);
    if (await accounts.existsBy({ username: options.username })) {
      throw new UsageError(`user ${options.username} already exists`);
    }
    // The account and its audit entry commit together.
    const account = await dataSource.transaction(async (manager) => {
      const created = await createStaffAccount(manager.getRepository(StaffAccount), {
        username: options.username,
        displayName: options.displayName,
        unitCode: options.unitCode,
        roles: options.roles as Role[],
        password,
      });
      await appendAuditEvent(manager, 'routing', {
        action: AuditActions.AccountCreate,
        outcome: 'SUCCESS',
        actor: cliActor(),
        clientIp: null,
        caseNo: null,
        target: { type: 'account', id: created.id },
        status: null,
        detail: { username: created.username, unitCode: created.unitCode, roles: created.roles },
        correlationId: null,
      });
      return created;
    });
    return { id: account.id, generatedPassword: options.password ? undefined : password };
  });
}
