import { before } from 'node:test';
import type pg from 'pg';
import type { AppConfig, Role } from '#common';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';
import { userCreate } from '../../apps/cli/src/commands/user-create.js';
import type { TestEnvironment } from './environment.js';
import { login } from './http.js';
import type { TestSystem } from './system.js';

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

/** A staff account that is closed, as when its holder has left. */
export async function createRetiredStaff(
  env: Pick<TestEnvironment, 'config' | 'db'>,
  username: string,
  unitCode: string,
  roles: Role[],
): Promise<string> {
  const id = await createStaff(env.config, username, unitCode, roles);
  await env.db.query(`UPDATE routing.staff_account SET active = false WHERE id = $1`, [id]);
  return id;
}

/** Every staff account's id by its username. */
export async function staffIdsByUsername(db: pg.Pool): Promise<Record<string, string>> {
  const { rows } = await db.query<{ id: string; username: string }>(
    `SELECT id, username FROM routing.staff_account`,
  );
  return Object.fromEntries(rows.map((row) => [row.username, row.id]));
}

/**
 * The access tokens of the staff named, by username, once they have signed in: before the tests
 * of the enclosing describe, after the system's start.
 */
export function signedIn(sut: TestSystem, usernames: string[]): Record<string, string> {
  return signedInAs(sut, Object.fromEntries(usernames.map((username) => [username, username])));
}

/** The same, by the name each account plays in the test (`{ registrar: 'chuanshan.handler' }`). */
export function signedInAs<Part extends string>(
  sut: TestSystem,
  accounts: Record<Part, string>,
): Record<Part, string> {
  const tokens = {} as Record<Part, string>;
  before(async () => {
    for (const [part, username] of Object.entries<string>(accounts)) {
      tokens[part as Part] = await login(sut.system.routing.url, username);
    }
  });
  return tokens;
}
