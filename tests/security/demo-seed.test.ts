import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Role } from '#common';
import { DEMO_ACCOUNTS } from '../../apps/cli/src/commands/seed-demo.js';
import { demoDirectory } from '../../apps/routing/src/units/demo-directory.js';
import { createTestEnvironment, type TestEnvironment } from '../support/environment.js';

const cli = fileURLToPath(new URL('../../apps/cli/src/main.js', import.meta.url));

describe('the demo data in production', () => {
  let env: TestEnvironment;

  before(async () => {
    env = await createTestEnvironment();
  });

  after(async () => {
    await env.dispose();
  });

  const run = (args: string[], nodeEnv: string) =>
    spawnSync(process.execPath, [cli, ...args], {
      // Not the repository: no .env of a developer's is read.
      cwd: tmpdir(),
      encoding: 'utf8',
      // Production refuses the tests' PHONE_VERIFICATION=off before it looks at anything else.
      env: {
        PATH: process.env.PATH ?? '',
        ...env.env,
        NODE_ENV: nodeEnv,
        PHONE_VERIFICATION: 'required',
      },
      timeout: 120_000,
    });

  const demoAccounts = async () =>
    (
      await env.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM routing.staff_account WHERE username = 'admin'`,
      )
    ).rows[0]?.n;

  it('seed:demo and start --demo refuse with NODE_ENV=production, creating no account', async () => {
    for (const args of [['seed:demo'], ['start', '--demo']]) {
      const result = run(args, 'production');
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /NODE_ENV=production/);
      assert.match(result.stderr, /生产环境/);
    }
    assert.equal(await demoAccounts(), 0);
  });

  it('seed:demo still loads the demo elsewhere', async () => {
    const result = run(['seed:demo'], 'development');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(await demoAccounts(), 1);
  });

  it('gives every unit the whole flow reaches an account for each role acting there', async () => {
    const { rows } = await env.db.query<{ username: string; unit_code: string; roles: Role[] }>(
      `SELECT username, unit_code, roles FROM routing.staff_account ORDER BY username`,
    );
    assert.deepEqual(
      rows.map((r) => [r.username, r.unit_code, r.roles]),
      DEMO_ACCOUNTS.map((a) => [a.username, a.unitCode, [...a.roles]]).sort(([a], [b]) =>
        String(a).localeCompare(String(b)),
      ),
    );
    const staffed = (unitCode: string, role: Role) =>
      rows.some((r) => r.unit_code === unitCode && r.roles.includes(role));
    const units = demoDirectory();
    const superiorOf = (code: string) => units.find((u) => u.code === code)?.superiorCode ?? '';
    // The README's petition: a housing matter of 慈音街道, 船山区.
    const lead = '510903-ZJJ';
    const review = superiorOf(lead); // 复查: the county government
    const reReview = superiorOf(review); // 复核: the prefecture's
    assert.deepEqual([review, reReview], ['510903-GOV', '510900-GOV']);
    const expected: [string, Role[]][] = [
      ['510900-XFJ', ['admin', 'supervisor', 'dispatcher', 'registrar']],
      ['510903-XFJ', ['registrar', 'dispatcher', 'handler', 'unit_leader']],
      [lead, ['handler', 'unit_leader']],
      ['510903012-GOV', ['handler', 'unit_leader']], // the street office, co-handler
      [review, ['handler', 'unit_leader']],
      [reReview, ['handler', 'unit_leader']],
      // Accusations against officials; against a county leader, the prefecture's commission.
      ['510903-JW', ['handler', 'unit_leader']],
      ['510900-JW', ['handler']],
    ];
    for (const [unit, roles] of expected) {
      for (const role of roles) assert.ok(staffed(unit, role), `${role} at ${unit}`);
    }
  });

  it('the README lists each demo account with its unit and roles', () => {
    const readme = readFileSync(
      fileURLToPath(new URL('../../../README.md', import.meta.url)),
      'utf8',
    );
    const listed = [
      ...readme.matchAll(/^\| `([a-z.]+)` +\| `([0-9A-Z-]+)` [^|]*\| ([a-z_, ]+?) +\|$/gm),
    ].map(([, username, unit, roles]) => [username, unit, roles?.split(', ')]);
    assert.deepEqual(
      listed,
      DEMO_ACCOUNTS.map((a) => [a.username, a.unitCode, [...a.roles]]),
    );
  });
});
