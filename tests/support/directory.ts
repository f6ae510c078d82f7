import { randomUUID } from 'node:crypto';
import type { Role } from '#common';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';
import { hashPassword } from '../../apps/routing/src/staff/staff-accounts.service.js';
import type { TestEnvironment } from './environment.js';

/** A staff account at any unit of the directory, with the demo password. */
export async function addStaffAccount(
  env: TestEnvironment,
  account: { username: string; unitCode: string; roles: Role[] },
) {
  await env.db.query(
    `INSERT INTO routing.staff_account (id, username, display_name, password_hash, unit_code, roles)
     VALUES ($1, $2, $2, $3, $4, $5)`,
    [
      randomUUID(),
      account.username,
      await hashPassword(DEMO_PASSWORD),
      account.unitCode,
      account.roles,
    ],
  );
}

/**
 * A township or street government (乡镇人民政府/街道办事处) under its county's government, coded
 * `{9-digit division}-GOV` as in the demo directory; kept if the directory already has it.
 */
export async function addTownshipGovernment(
  env: TestEnvironment,
  township: { divisionCode: string; name: string },
) {
  const county = township.divisionCode.slice(0, 6);
  await env.db.query(
    `INSERT INTO routing.unit (code, name, kind, level, division_code, superior_code)
     VALUES ($1, $2, 'GOVERNMENT', 'TOWNSHIP', $3, $4) ON CONFLICT (code) DO NOTHING`,
    [`${township.divisionCode}-GOV`, township.name, township.divisionCode, `${county}-GOV`],
  );
}
