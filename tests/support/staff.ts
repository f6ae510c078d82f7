import type pg from 'pg';
import type { AppConfig, Role } from '#common';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';
import { userCreate } from '../../apps/cli/src/commands/user-create.js';

/** A staff account at any unit, with the demo password, for tests that need one there. */
export async function createStaff(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  username: string,
  unitCode: string,
  roles: Role[],
): Promise<string> {
  const { id } = await userCreate(config, {
    username,
    displayName: username,
    unitCode,
    roles,
    password: DEMO_PASSWORD,
  });
  return id;
}

/** The id of a staff account by its username; empty when there is none. */
export async function staffAccountId(db: pg.Pool, username: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM routing.staff_account WHERE username = $1`,
    [username],
  );
  return rows[0]?.id ?? '';
}
