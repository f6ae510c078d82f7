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
