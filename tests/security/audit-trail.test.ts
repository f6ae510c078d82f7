import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import {
  appendAuditEvent,
  canonicalAuditRecord,
  chainHash,
  type AuditRecord,
  type ServiceSchema,
} from '#common';
import { withDataSource } from '../../apps/cli/src/service-data.js';
import { routingData } from '../../apps/routing/src/database/routing-data.js';
import { createTestEnvironment, type TestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import {
  login,
  OTHER_PETITIONER,
  request,
  SAMPLE_PERSONAL_DATA,
  samplePetition,
} from '../support/http.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from '../support/processes.js';
import { createStaff } from '../support/staff.js';

const SCHEMAS: ServiceSchema[] = ['intake', 'routing', 'notify'];
const dist = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface Row {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string | null;
  actor_unit: string | null;
  client_ip: string | null;
  action: string;
  outcome: string;
  case_no: string | null;
  target_type: string | null;
  target_id: string | null;
  status: number | null;
  detail: Record<string, unknown>;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}

interface SearchItem {
  service: string;
  seq: string;
  at: string;
  actor: { id: string | null; username: string | null; unitCode: string | null };
  action: string;
  outcome: string;
  caseNo: string | null;
}
interface SearchPage {
  items: SearchItem[];
  total: number;
}

type Receipt = { caseNo: string; queryCode: string };

const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'),
  'latin1',
);
const WRONG_PASSWORD = 'wrong-password-5d1c';
const DUTY_PHONE = '13912345678';

/** `npm run cli -- <args>` against the test's database. */
async function cli(env: TestEnvironment, ...args: string[]) {
  const child = spawn(process.execPath, [dist('apps/cli/src/main.js'), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env.env },
    cwd: tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

async function rows(db: pg.Pool, schema: ServiceSchema, where = 'TRUE', params: unknown[] = []) {
  const result = await db.query<Row>(
    `SELECT * FROM ${schema}.audit_event WHERE ${where} ORDER BY seq`,
    params,
  );
  return result.rows;
}

/** What the superuser can do with the triggers off: tamper, as an attacker with the database would. */
async function asTamperer(db: pg.Pool, sql: string, params: unknown[] = []) {
  const client = await db.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(sql, params);
  } finally {
    await client.query(`SET session_replication_role = origin`);
    client.release();
  }
}

function recordOf(row: Row): AuditRecord {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurred_at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorUnit: row.actor_unit,
    clientIp: row.client_ip,
    action: row.action,
    outcome: row.outcome as AuditRecord['outcome'],
    caseNo: row.case_no,
    targetType: row.target_type,
    targetId: row.target_id,
    status: row.status,
    detail: row.detail as AuditRecord['detail'],
    correlationId: row.correlation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

describe('the audit trail records who read and did what', { timeout: 300_000 }, () => {
  let env: TestEnvironment;
  let system: Record<ServiceName, ServiceProcess>;
  const tokens: Record<string, string> = {};
  let housingId: string;
  let receipt: Receipt;
  let startedAt: Date;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    // Supervises the county government and the departments under it (the housing bureau).
    await createStaff(env.config, 'county.supervisor', '510903-GOV', ['supervisor']);
    system = await startSystem(env.env);
    startedAt = new Date();
    for (const name of [
      'admin',
      'suining.registrar',
      'suining.supervisor',
      'chuanshan.housing',
      'county.supervisor',
    ]) {
      tokens[name] = await login(system.routing.url, name);
    }
    const account = await env.db.query<{ id: string }>(
      `SELECT id FROM routing.staff_account WHERE username = 'chuanshan.housing'`,
    );
    housingId = account.rows[0]?.id ?? '';
    receipt = await registerHousingCase('小区房屋漏水物业不予维修');
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
  });

  /** A letter about housing in 船山区, registered by the prefecture bureau: the housing bureau gets it. */
  async function registerHousingCase(title: string, petitioner?: typeof OTHER_PETITIONER) {
    const registered = await request<Receipt>('POST', `${system.intake.url}/api/v1/petitions`, {
      token: tokens['suining.registrar'],
      body: samplePetition({
        channel: 'LETTER',
        category: 'HOUSING',
        divisionCode: '510903',
        title,
        content: `${title}，请求住建部门督促。`,
        ...(petitioner && { petitioners: [petitioner] }),
      }),
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    await eventually(async () => {
      const { rows: assigned } = await env.db.query(
        `SELECT 1 FROM routing.case_assignment_v1 a JOIN intake.petition p ON p.id = a.petition_id
         WHERE p.case_no = $1 AND a.unit_code = '510903-ZJJ' AND a.status = 'ASSIGNED'`,
        [registered.body.caseNo],
      );
      return assigned.length > 0;
    }, `case ${registered.body.caseNo} assigned to the housing bureau`);
    return registered.body;
  }

  const viewCase = (user: string, caseNo: string) =>
    request('GET', `${system.intake.url}/api/v1/petitions/${caseNo}`, { token: tokens[user] });

  const search = (user: string, query: Record<string, string>) =>
    request<SearchPage>(
      'GET',
      `${system.routing.url}/api/v1/audit-events?${new URLSearchParams(query).toString()}`,
      { token: tokens[user] },
    );

  it('a sign-in leaves an entry: who, from where, when', async () => {
    const [entry] = await eventually(async () => {
      const found = await rows(env.db, 'routing', `action = 'auth.login' AND actor_id = $1`, [
        housingId,
      ]);
      return found.length > 0 && found;
    }, 'the sign-in entry');
    assert.ok(entry);
    assert.equal(entry.outcome, 'SUCCESS');
    assert.equal(entry.status, 200);
    assert.equal(entry.actor_username, 'chuanshan.housing');
    assert.equal(entry.actor_unit, '510903-ZJJ');
    assert.match(entry.client_ip ?? '', /127\.0\.0\.1/);
    assert.ok(entry.occurred_at.getTime() >= startedAt.getTime() - 1_000);
  });

  it('a failed sign-in leaves an entry, on the account tried; the password is not kept', async () => {
    for (const username of ['chuanshan.housing', 'no.such.user']) {
      const failed = await request('POST', `${system.routing.url}/api/v1/auth/login`, {
        body: { username, password: WRONG_PASSWORD },
      });
      assert.equal(failed.status, 401);
    }
    const [onAccount] = await eventually(async () => {
      const found = await rows(
        env.db,
        'routing',
        `action = 'auth.login' AND outcome = 'FAILURE' AND actor_username = 'chuanshan.housing'`,
      );
      return found.length > 0 && found;
    }, 'the failed sign-in entry');
    assert.ok(onAccount);
    assert.equal(onAccount.actor_id, housingId);
    assert.equal(onAccount.actor_unit, '510903-ZJJ');
    assert.equal(onAccount.status, 401);
    const [unknown] = await eventually(async () => {
      const found = await rows(env.db, 'routing', `actor_username = 'no.such.user'`);
      return found.length > 0 && found;
    }, 'the failed sign-in of an unknown user');
    assert.ok(unknown);
    assert.equal(unknown.outcome, 'FAILURE');
    assert.equal(unknown.actor_id, null);
    const all = await env.db.query(`SELECT * FROM routing.audit_event`);
    assert.doesNotMatch(JSON.stringify(all.rows), new RegExp(WRONG_PASSWORD));
  });

  it('a registration is recorded with its case, in its transaction', async () => {
    const [entry] = await rows(env.db, 'intake', `action = 'POST /api/v1/petitions'`);
    assert.ok(entry, 'the registration entry');
    assert.equal(entry.case_no, receipt.caseNo);
    assert.equal(entry.status, 201);
    assert.equal(entry.outcome, 'SUCCESS');
    assert.equal(entry.actor_username, 'suining.registrar');
  });

  it('a view of unmasked personal data leaves an entry, as does a masked one', async () => {
    const full = await viewCase('chuanshan.housing', receipt.caseNo);
    assert.equal(full.status, 200);
    assert.match(JSON.stringify(full.body), /510903198809010006/);
    const [viewed] = await rows(env.db, 'intake', `action = 'case.view' AND actor_id = $1`, [
      housingId,
    ]);
    assert.ok(viewed, 'the view entry');
    assert.equal(viewed.case_no, receipt.caseNo);
    assert.equal(viewed.detail['personalData'], 'FULL');
    assert.equal(viewed.actor_unit, '510903-ZJJ');
    assert.match(viewed.client_ip ?? '', /127\.0\.0\.1/);

    // A supervisor above the housing bureau reads names, ID numbers and phones masked.
    assert.equal((await viewCase('county.supervisor', receipt.caseNo)).status, 200);
    const [masked] = await rows(
      env.db,
      'intake',
      `action = 'case.view' AND actor_username = 'county.supervisor'`,
    );
    assert.equal(masked?.detail['personalData'], 'MASKED');
  });

  it('an attachment download leaves an entry', async () => {
    const form = new FormData();
    form.append('file', new Blob([PDF]), '材料.pdf');
    const uploaded = await fetch(
      `${system.intake.url}/api/v1/public/petitions/${receipt.caseNo}/attachments?queryCode=${receipt.queryCode}`,
      { method: 'POST', body: form },
    );
    assert.equal(uploaded.status, 201);
    const { id } = (await uploaded.json()) as { id: string };
    const download = await fetch(
      `${system.intake.url}/api/v1/petitions/${receipt.caseNo}/attachments/${id}`,
      { headers: { authorization: `Bearer ${tokens['chuanshan.housing']}` } },
    );
    assert.equal(download.status, 200);
    await download.arrayBuffer();
    const [entry] = await rows(env.db, 'intake', `action = 'attachment.download'`);
    assert.ok(entry, 'the download entry');
    assert.equal(entry.target_id, id);
    assert.equal(entry.case_no, receipt.caseNo);
    assert.equal(entry.actor_id, housingId);
    // The petitioner's upload: a public request, recorded without an actor.
    const [upload] = await rows(env.db, 'intake', `action LIKE 'POST /api/v1/public/%'`);
    assert.equal(upload?.case_no, receipt.caseNo);
    assert.equal(upload.actor_id, null);
  });

  it('a workbench action leaves an entry with its route, status and case; a refused one too', async () => {
    const url = `${system.routing.url}/api/v1/workbench/cases/${receipt.caseNo}/accept`;
    const accepted = await request('POST', url, { token: tokens['chuanshan.housing'] });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const again = await request('POST', url, { token: tokens['chuanshan.housing'] });
    assert.equal(again.status, 409);
    const entries = await rows(
      env.db,
      'routing',
      `action = 'POST /api/v1/workbench/cases/:caseNo/accept'`,
    );
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.status, e.case_no, e.actor_id]),
      [
        ['SUCCESS', 200, receipt.caseNo, housingId],
        ['FAILURE', 409, receipt.caseNo, housingId],
      ],
    );
  });

  it("notify records a roster change, an urgent alert, and a request refused for the caller's role", async () => {
    const roster = await request('PUT', `${system.notify.url}/api/v1/duty-rosters/510903-ZJJ`, {
      token: tokens['admin'],
      body: { entries: [{ staffId: housingId, phone: DUTY_PHONE }] },
    });
    assert.equal(roster.status, 200, JSON.stringify(roster.body));
    const [changed] = await rows(env.db, 'notify', `action = 'PUT /api/v1/duty-rosters/:scope'`);
    assert.equal(changed?.target_type, 'duty-rosters');
    assert.equal(changed.target_id, '510903-ZJJ');
    assert.equal(changed.actor_username, 'admin');

    const flagged = await request('POST', `${system.notify.url}/api/v1/urgent-alerts`, {
      token: tokens['suining.registrar'],
      body: { caseNo: receipt.caseNo },
    });
    assert.equal(flagged.status, 201, JSON.stringify(flagged.body));
    const [alert] = await rows(env.db, 'notify', `action = 'POST /api/v1/urgent-alerts'`);
    assert.equal(alert?.case_no, receipt.caseNo);
    assert.equal(alert.status, 201);

    const refused = await request('PUT', `${system.notify.url}/api/v1/duty-rosters/510903-ZJJ`, {
      token: tokens['chuanshan.housing'],
      body: { entries: [] },
    });
    assert.equal(refused.status, 403);
    const [denied] = await eventually(async () => {
      const found = await rows(env.db, 'notify', `outcome = 'DENIED' AND actor_id = $1`, [
        housingId,
      ]);
      return found.length > 0 && found;
    }, 'the refused request');
    assert.equal(denied?.action, 'PUT /api/v1/duty-rosters/:scope');
    assert.equal(denied.target_id, '510903-ZJJ');
    assert.equal(denied.actor_id, housingId);
  });

  it('concurrent writers keep one chain', async () => {
    const views = await Promise.all(
      Array.from({ length: 24 }, () => viewCase('chuanshan.housing', receipt.caseNo)),
    );
    const failed = views.filter((v) => v.status !== 200);
    assert.equal(failed.length, 0, JSON.stringify(failed.map((v) => [v.status, v.body])));
    const chain = await rows(env.db, 'intake');
    chain.forEach((row, index) => {
      assert.equal(row.seq, String(index + 1));
      if (index > 0) assert.equal(row.prev_hash, chain[index - 1]?.hash);
    });
  });

  it('an entry that cannot be written stops what it records', async () => {
    const second = await registerHousingCase('学校旁工地夜间施工噪音扰民', OTHER_PETITIONER);
    try {
      await env.db.query(
        `ALTER TABLE intake.audit_event ADD CONSTRAINT test_refuse CHECK (false) NOT VALID`,
      );
      const view = await viewCase('chuanshan.housing', second.caseNo);
      assert.equal(view.status, 500);
      for (const value of SAMPLE_PERSONAL_DATA) {
        assert.doesNotMatch(JSON.stringify(view.body), new RegExp(value));
      }
    } finally {
      await env.db.query(`ALTER TABLE intake.audit_event DROP CONSTRAINT test_refuse`);
    }

    const url = `${system.routing.url}/api/v1/workbench/cases/${second.caseNo}/accept`;
    try {
      await env.db.query(
        `ALTER TABLE routing.audit_event ADD CONSTRAINT test_refuse CHECK (false) NOT VALID`,
      );
      const refused = await request('POST', url, { token: tokens['chuanshan.housing'] });
      assert.equal(refused.status, 500);
    } finally {
      await env.db.query(`ALTER TABLE routing.audit_event DROP CONSTRAINT test_refuse`);
    }
    // The acceptance rolled back with its entry: the case is still to be accepted.
    const accepted = await request('POST', url, { token: tokens['chuanshan.housing'] });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  });

  /** The statement is refused; were it not, the transaction is rolled back all the same. */
  async function refused(sql: string, reason: RegExp) {
    const client = await env.db.connect();
    try {
      await client.query('BEGIN');
      await assert.rejects(client.query(sql), reason, sql);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('the services can neither change nor delete an entry', async () => {
    for (const schema of SCHEMAS) {
      await refused(
        `UPDATE ${schema}.audit_event SET action = 'x' WHERE seq = 1`,
        /append-only: UPDATE refused/,
      );
      await refused(
        `DELETE FROM ${schema}.audit_event WHERE seq = 1`,
        /append-only: DELETE refused/,
      );
    }
  });

  it('nor empty the trail', async () => {
    for (const schema of SCHEMAS) {
      await refused(`TRUNCATE ${schema}.audit_event`, /append-only: TRUNCATE refused/);
    }
  });

  it('nor move the chain head back, or remove it', async () => {
    for (const schema of SCHEMAS) {
      await refused(
        `UPDATE ${schema}.audit_chain SET last_seq = last_seq - 1`,
        /audit_chain moves only to the next linked row/,
      );
      await refused(
        `DELETE FROM ${schema}.audit_chain`,
        /audit_chain moves only to the next linked row/,
      );
    }
  });

  it('admins and supervisors search by case and period, supervisors within their units', async () => {
    const byAdmin = await search('admin', { caseNo: receipt.caseNo, pageSize: '200' });
    assert.equal(byAdmin.status, 200, JSON.stringify(byAdmin.body));
    const services = new Set(byAdmin.body.items.map((i) => i.service));
    assert.deepEqual([...services].sort(), ['intake', 'notify', 'routing']);
    const actions = byAdmin.body.items.map((i) => i.action);
    for (const action of [
      'case.view',
      'attachment.download',
      'POST /api/v1/petitions',
      'POST /api/v1/workbench/cases/:caseNo/accept',
      'POST /api/v1/urgent-alerts',
    ]) {
      assert.ok(actions.includes(action), `${action} in ${actions.join(', ')}`);
    }
    assert.equal(byAdmin.body.total, byAdmin.body.items.length);
    assert.ok(byAdmin.body.items.every((i) => i.caseNo === receipt.caseNo));

    // The period: everything happened after startedAt, nothing before it.
    const before = await search('admin', {
      caseNo: receipt.caseNo,
      to: new Date(startedAt.getTime() - 60_000).toISOString(),
    });
    assert.equal(before.body.total, 0);
    const during = await search('admin', {
      caseNo: receipt.caseNo,
      from: startedAt.toISOString(),
      to: new Date().toISOString(),
      pageSize: '200',
    });
    // The same entries, and the searches made since (reading a case's trail is on it too).
    const besidesSearches = (page: SearchPage) =>
      page.items.filter((i) => i.action !== 'audit.search').map((i) => `${i.service}:${i.seq}`);
    assert.deepEqual(besidesSearches(during.body), besidesSearches(byAdmin.body));
    assert.ok(during.body.items.some((i) => i.action === 'audit.search'));

    // The county government's supervisor: the housing bureau's staff, not the prefecture
    // bureau's registrar, nor the admin.
    const byCounty = await search('county.supervisor', { caseNo: receipt.caseNo });
    assert.equal(byCounty.status, 200);
    const countyUnits = new Set(byCounty.body.items.map((i) => i.actor.unitCode));
    assert.ok(countyUnits.has('510903-ZJJ'));
    assert.ok([...countyUnits].every((u) => u === '510903-ZJJ' || u === '510903-GOV'));
    const ofHousing = await search('county.supervisor', { staff: 'chuanshan.housing' });
    assert.ok(ofHousing.body.items.some((i) => i.action === 'auth.login'));
    assert.equal((await search('county.supervisor', { staff: 'admin' })).body.total, 0);

    // The prefecture bureau's supervisor sees its registrar, not the county's housing bureau.
    const byPrefecture = await search('suining.supervisor', { caseNo: receipt.caseNo });
    const prefectureUsers = new Set(byPrefecture.body.items.map((i) => i.actor.username));
    assert.ok(prefectureUsers.has('suining.registrar'));
    assert.ok(!prefectureUsers.has('chuanshan.housing'));

    const byHandler = await search('chuanshan.housing', { caseNo: receipt.caseNo });
    assert.equal(byHandler.status, 403);
    // Reading the trail is on the trail.
    const [searched] = await rows(
      env.db,
      'routing',
      `action = 'audit.search' AND actor_username = 'county.supervisor'`,
    );
    assert.equal(searched?.detail['scope'], '510903-GOV');
  });

  it('the trail holds no personal data of petitioners, nor query codes', async () => {
    for (const schema of SCHEMAS) {
      const text = JSON.stringify(await rows(env.db, schema));
      for (const value of [
        ...SAMPLE_PERSONAL_DATA,
        OTHER_PETITIONER.name,
        receipt.queryCode,
        DUTY_PHONE,
      ]) {
        assert.doesNotMatch(text, new RegExp(value), `${schema} holds ${value}`);
      }
    }
  });

  /** Tampers, runs audit:verify, and puts things back however the check went. */
  async function tampered(
    tamper: () => Promise<void>,
    restore: () => Promise<void>,
  ): Promise<Awaited<ReturnType<typeof cli>>> {
    await tamper();
    try {
      return await cli(env, 'audit:verify');
    } finally {
      await restore();
    }
  }

  const putBack = (schema: ServiceSchema, row: Row) =>
    asTamperer(
      env.db,
      `INSERT INTO ${schema}.audit_event
       SELECT * FROM json_populate_record(NULL::${schema}.audit_event, $1)`,
      [JSON.stringify(row)],
    );

  it('audit:verify passes on the chains the services wrote', async () => {
    const clean = await cli(env, 'audit:verify');
    assert.equal(clean.status, 0, clean.stderr);
    for (const schema of SCHEMAS) {
      assert.match(clean.stdout, new RegExp(`${schema}.audit_event: ok, \\d+ entries`));
    }
  });

  it('audit:verify names an altered row', async () => {
    const [, second] = await rows(env.db, 'intake');
    assert.ok(second);
    const broken = await tampered(
      () => asTamperer(env.db, `UPDATE intake.audit_event SET actor_username = 'x' WHERE seq = 2`),
      () =>
        asTamperer(env.db, `UPDATE intake.audit_event SET actor_username = $1 WHERE seq = 2`, [
          second.actor_username,
        ]),
    );
    assert.equal(broken.status, 1);
    assert.match(
      broken.stderr,
      new RegExp(`intake.audit_event: BROKEN at seq 2 \\(id ${second.id}\\): altered`),
    );
    assert.match(broken.stdout, /routing.audit_event: ok/);
  });

  it('audit:verify names the row after one altered with its hash recomputed', async () => {
    const [, second, third] = await rows(env.db, 'intake');
    assert.ok(second && third);
    const forged = recordOf({ ...second, actor_username: 'x' });
    const forgedHash = chainHash(forged.prevHash, canonicalAuditRecord('intake', forged));
    const broken = await tampered(
      () =>
        asTamperer(
          env.db,
          `UPDATE intake.audit_event SET actor_username = 'x', hash = $1 WHERE seq = 2`,
          [forgedHash],
        ),
      () =>
        asTamperer(
          env.db,
          `UPDATE intake.audit_event SET actor_username = $1, hash = $2 WHERE seq = 2`,
          [second.actor_username, second.hash],
        ),
    );
    assert.equal(broken.status, 1);
    assert.match(
      broken.stderr,
      new RegExp(`intake.audit_event: BROKEN at seq 3 \\(id ${third.id}\\): its prev_hash`),
    );
  });

  it('audit:verify names a row removed from the middle', async () => {
    const [, , removed] = await rows(env.db, 'routing');
    assert.ok(removed);
    const broken = await tampered(
      () => asTamperer(env.db, `DELETE FROM routing.audit_event WHERE seq = 3`),
      () => putBack('routing', removed),
    );
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /routing.audit_event: BROKEN at seq 3: missing/);
  });

  it('audit:verify names the last row removed', async () => {
    const last = (await rows(env.db, 'notify')).at(-1);
    assert.ok(last);
    const broken = await tampered(
      () => asTamperer(env.db, `DELETE FROM notify.audit_event WHERE seq = $1`, [last.seq]),
      () => putBack('notify', last),
    );
    assert.equal(broken.status, 1);
    assert.match(
      broken.stderr,
      new RegExp(`notify.audit_event: BROKEN at seq ${last.seq}: missing`),
    );
  });

  it('audit:verify names the first rows removed without a purge checkpoint', async () => {
    const [first] = await rows(env.db, 'notify');
    assert.ok(first);
    const broken = await tampered(
      () => asTamperer(env.db, `DELETE FROM notify.audit_event WHERE seq = 1`),
      () => putBack('notify', first),
    );
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /notify.audit_event: BROKEN at seq 1: missing/);
  });

  it('audit:verify names a row added behind the services', async () => {
    const last = (await rows(env.db, 'routing')).at(-1);
    assert.ok(last);
    const next = String(Number(last.seq) + 1);
    // Well formed and linked: only the chain head tells that no service wrote it.
    const added = recordOf({ ...last, seq: next, id: randomUUID(), prev_hash: last.hash });
    const hash = chainHash(added.prevHash, canonicalAuditRecord('routing', added));
    const broken = await tampered(
      () => putBack('routing', { ...last, seq: next, id: added.id, prev_hash: last.hash, hash }),
      () => asTamperer(env.db, `DELETE FROM routing.audit_event WHERE seq = $1`, [next]),
    );
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, new RegExp(`routing.audit_event: BROKEN at seq ${next}: added`));
    const restored = await cli(env, 'audit:verify');
    assert.equal(restored.status, 0, restored.stderr);
  });
});

describe('the retention purge keeps the chain verifiable', { timeout: 120_000 }, () => {
  let env: TestEnvironment;
  const YEAR = 365 * 86_400_000;

  before(async () => {
    env = await createTestEnvironment();
    // Five entries four years old, then three of today, as routing would have written them.
    await withDataSource(env.config, routingData, (dataSource) =>
      dataSource.transaction(async (manager) => {
        for (let n = 0; n < 8; n += 1) {
          await appendAuditEvent(
            manager,
            'routing',
            {
              action: 'POST /api/v1/units',
              outcome: 'SUCCESS',
              actor: { id: null, username: 'admin', unitCode: '5109-XFJ' },
              clientIp: '10.0.0.1',
              caseNo: null,
              target: { type: 'units', id: `U-${n}` },
              status: 201,
              detail: {},
              correlationId: null,
            },
            n < 5 ? new Date(Date.now() - 4 * YEAR + n * 1_000) : undefined,
          );
        }
      }),
    );
  });

  after(async () => {
    await env.dispose();
  });

  it('removes the old entries, records a checkpoint, and the chain verifies from it', async () => {
    const purged = await cli(env, 'audit:purge');
    assert.equal(purged.status, 0, purged.stderr);
    assert.match(
      purged.stdout,
      /routing.audit_event: 5 entries older than 1095 days removed; the chain starts at seq 6/,
    );
    const kept = await rows(env.db, 'routing');
    assert.deepEqual(
      kept.map((r) => [r.seq, r.action]),
      [
        ['6', 'POST /api/v1/units'],
        ['7', 'POST /api/v1/units'],
        ['8', 'POST /api/v1/units'],
        ['9', 'audit.purge'],
      ],
    );
    assert.equal(kept.at(-1)?.detail['keptFromSeq'], '6');
    assert.match(kept.at(-1)?.actor_username ?? '', /^cli:/);
    const verified = await cli(env, 'audit:verify');
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /routing.audit_event: ok, 4 entries \(seq 6–9\)/);

    // Nothing more is old enough: a second purge removes nothing.
    const again = await cli(env, 'audit:purge');
    assert.match(again.stdout, /routing.audit_event: 0 entries/);
  });

  it('a row removed after the checkpoint is still found; a broken chain is not purged', async () => {
    const [first] = await rows(env.db, 'routing');
    assert.ok(first);
    await asTamperer(env.db, `DELETE FROM routing.audit_event WHERE seq = $1`, [first.seq]);
    const broken = await cli(env, 'audit:verify');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /routing.audit_event: BROKEN at seq 6: missing/);

    const refused = await cli(env, 'audit:purge');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /routing.audit_event is broken at seq 6; not purged/);
  });
});
