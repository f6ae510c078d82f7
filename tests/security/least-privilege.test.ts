import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { AppConfig, ServiceSchema } from '#common';
import { auditPurge } from '../../apps/cli/src/commands/audit.js';
import { migrate } from '../../apps/cli/src/commands/migrate.js';
import { CROSS_SCHEMA_READS } from '../../apps/cli/src/database-roles.js';
import { createTestEnvironment, type TestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { login, request, samplePetition } from '../support/http.js';
import { startSystem, stopSystem, type ServiceProcess } from '../support/processes.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const SCHEMAS: ServiceSchema[] = ['intake', 'routing', 'notify'];

/** Runs deploy/postgres/init-roles.sh as the superuser, with role names of this test's own. */
function initRoles(adminUrl: string, roles: Record<'owner' | ServiceSchema, string>) {
  const result = spawnSync('bash', [root('deploy/postgres/init-roles.sh')], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      XINFANG_ADMIN_URL: adminUrl,
      XINFANG_OWNER_ROLE: roles.owner,
      XINFANG_INTAKE_ROLE: roles.intake,
      XINFANG_ROUTING_ROLE: roles.routing,
      XINFANG_NOTIFY_ROLE: roles.notify,
      XINFANG_OWNER_PASSWORD: randomBytes(12).toString('hex'),
      XINFANG_INTAKE_PASSWORD: randomBytes(12).toString('hex'),
      XINFANG_ROUTING_PASSWORD: randomBytes(12).toString('hex'),
      XINFANG_NOTIFY_PASSWORD: randomBytes(12).toString('hex'),
    },
  });
  assert.equal(result.status, 0, result.stderr);
}

/** The SQL error code of a statement run as a role, or 'ok'. */
async function outcome(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  } finally {
    await client.end();
  }
}

const DENIED = '42501';

describe('least privilege in the database', () => {
  let env: TestEnvironment;
  let system: Record<ServiceSchema, ServiceProcess>;
  let roles: Record<'owner' | ServiceSchema, string>;
  let urls: Record<'owner' | ServiceSchema, string>;
  let ownerConfig: AppConfig;

  before(async () => {
    // Migrated by the superuser first, as a deployment from before the roles was: the script
    // hands its objects to the owner, and the owner's migrate grants the service roles.
    env = await createTestEnvironment({ demo: true });
    const prefix = `xinfang_t${randomBytes(5).toString('hex')}`;
    roles = {
      owner: `${prefix}_owner`,
      intake: `${prefix}_intake`,
      routing: `${prefix}_routing`,
      notify: `${prefix}_notify`,
    };
    const asRole = (role: string) => {
      const url = new URL(env.config.DATABASE_URL);
      url.username = role;
      return url.toString();
    };
    urls = {
      owner: asRole(roles.owner),
      intake: asRole(roles.intake),
      routing: asRole(roles.routing),
      notify: asRole(roles.notify),
    };
    initRoles(env.config.DATABASE_URL, roles);
    ownerConfig = {
      ...env.config,
      DATABASE_URL: urls.owner,
      INTAKE_DATABASE_URL: urls.intake,
      ROUTING_DATABASE_URL: urls.routing,
      NOTIFY_DATABASE_URL: urls.notify,
    };
    await migrate(ownerConfig);
    system = await startSystem({
      ...env.env,
      // Nothing may fall back to the shared URL: it leads nowhere.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere',
      INTAKE_DATABASE_URL: urls.intake,
      ROUTING_DATABASE_URL: urls.routing,
      NOTIFY_DATABASE_URL: urls.notify,
    });
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
    const admin = new pg.Client({
      connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    await admin.connect();
    for (const role of Object.values(roles)) await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('each service works under its own role: a petition is registered, routed and given its clock', async () => {
    const submitted = await request<{ caseNo: string }>(
      'POST',
      `${system.intake.url}/api/v1/public/petitions`,
      { body: samplePetition() },
    );
    assert.equal(submitted.status, 201);
    const token = await login(system.routing.url, 'chuanshan.housing');
    await eventually(async () => {
      const { body } = await request<{ assignments: unknown[]; deadlines: unknown[] }>(
        'GET',
        `${system.intake.url}/api/v1/petitions/${submitted.body.caseNo}`,
        { token },
      );
      return body.assignments.length > 0 && body.deadlines.length > 0;
    }, 'the case to be assigned by routing and its deadline set by notify');
    const workbench = await request('GET', `${system.routing.url}/api/v1/workbench/cases`, {
      token,
    });
    assert.equal(workbench.status, 200);
    // Routing reads every service's audit trail through their views.
    const audit = await request('GET', `${system.routing.url}/api/v1/audit-events`, {
      token: await login(system.routing.url, 'admin'),
    });
    assert.equal(audit.status, 200);

    const { rows } = await env.db.query<{ application_name: string; usename: string }>(
      `SELECT DISTINCT application_name, usename FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'xinfang-%'
        ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((r) => [r.application_name, r.usename]),
      [...SCHEMAS].sort().map((s) => [`xinfang-${s}`, roles[s]]),
    );
  });

  it("a service role can neither write another service's tables nor read their base tables", async () => {
    assert.equal(
      await outcome(urls.intake, `INSERT INTO routing.assignment DEFAULT VALUES`),
      DENIED,
    );
    assert.equal(await outcome(urls.intake, `SELECT 1 FROM routing.assignment`), DENIED);
    assert.equal(await outcome(urls.intake, `SELECT 1 FROM routing.staff_account`), DENIED);
    assert.equal(await outcome(urls.intake, `DELETE FROM notify.deadline`), DENIED);
    assert.equal(await outcome(urls.notify, `SELECT 1 FROM intake.petitioner`), DENIED);
    assert.equal(await outcome(urls.notify, `UPDATE routing.unit SET active = false`), DENIED);
    assert.equal(await outcome(urls.routing, `SELECT 1 FROM intake.petition`), DENIED);
    assert.equal(await outcome(urls.routing, `SELECT 1 FROM notify.notification`), DENIED);
    assert.equal(await outcome(urls.routing, `DELETE FROM intake.outbox`), DENIED);
    // Their versioned views it reads; a view it does not read it cannot.
    assert.equal(await outcome(urls.intake, `SELECT 1 FROM routing.case_assignment_v1`), 'ok');
    assert.equal(await outcome(urls.notify, `SELECT 1 FROM intake.petitioner_contact_v1`), 'ok');
    assert.equal(await outcome(urls.intake, `SELECT 1 FROM intake.petitioner_contact_v1`), 'ok');
    assert.equal(await outcome(urls.routing, `SELECT 1 FROM intake.petitioner_contact_v1`), DENIED);
    // No schema of its own either, and no change to the migrations' record.
    assert.equal(await outcome(urls.intake, `CREATE TABLE intake.extra (id int)`), DENIED);
    assert.equal(await outcome(urls.intake, `DELETE FROM intake.migrations`), DENIED);
  });

  it('the audit trail is append-only for the service roles; the owner still purges', async () => {
    for (const schema of SCHEMAS) {
      const url = urls[schema];
      assert.equal(await outcome(url, `UPDATE ${schema}.audit_event SET seq = seq`), DENIED);
      assert.equal(await outcome(url, `DELETE FROM ${schema}.audit_event`), DENIED);
      assert.equal(await outcome(url, `TRUNCATE ${schema}.audit_event`), DENIED);
      assert.equal(await outcome(url, `DELETE FROM ${schema}.audit_chain`), DENIED);
    }
    const outcomes = await auditPurge(ownerConfig);
    assert.deepEqual(
      outcomes.map((o) => [o.chain, o.error]),
      SCHEMAS.map((s) => [`${s}.audit_event`, undefined]),
    );
  });

  it("a later migration's table is granted to its service only", async () => {
    const owner = new pg.Client({ connectionString: urls.owner });
    await owner.connect();
    await owner.query(`CREATE TABLE intake.later_table (id int)`);
    await owner.end();
    await migrate(ownerConfig);
    assert.equal(await outcome(urls.intake, `INSERT INTO intake.later_table VALUES (1)`), 'ok');
    assert.equal(await outcome(urls.routing, `SELECT 1 FROM intake.later_table`), DENIED);
  });

  it('no service met a permission error along the way (jobs and sweeps included)', () => {
    for (const service of Object.values(system)) {
      assert.doesNotMatch(service.output, /permission denied/i, service.name);
    }
  });

  it("the grants name exactly the other services' views each service's SQL reads", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        .filter((e) => !join(e.parentPath, e.name).includes('/migrations/'))
        .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
    const references = (texts: string[], dynamic: boolean) => {
      const found = new Set<string>();
      for (const text of texts) {
        const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        for (const [name] of code.matchAll(
          /(?<![\w./-])(?:intake|routing|notify)\.[a-z_0-9]+(?![\w.])/g,
        )) {
          found.add(name);
        }
        // A view read in each service's schema in turn (`${service}.audit_event_v1`); the
        // library's are its DDL helpers, not reads.
        if (dynamic)
          for (const [, view] of code.matchAll(/\$\{\w+\}\.([a-z_0-9]+_v1)\b/g)) {
            for (const schema of SCHEMAS) found.add(`${schema}.${view}`);
          }
      }
      return found;
    };
    // Every service runs the common library (its auth reads the directory views).
    const common = references(sources(root('libs/common/src')), false);
    for (const schema of SCHEMAS) {
      const read = [...references(sources(root(`apps/${schema}/src`)), true), ...common]
        .filter((name) => !name.startsWith(`${schema}.`))
        .filter((name, i, all) => all.indexOf(name) === i)
        .sort();
      assert.deepEqual([...CROSS_SCHEMA_READS[schema]].sort(), read, schema);
    }
  });
});
