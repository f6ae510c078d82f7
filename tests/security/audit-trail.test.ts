import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rows, SCHEMAS } from '../support/audit-trail.js';
import { cli } from '../support/cli.js';
import { createTestEnvironment, type TestEnvironment } from '../support/environment.js';
import { eventually, eventuallyFound } from '../support/eventually.js';
import { tinyPdf } from '../support/fixtures.js';
import {
  login,
  OTHER_PETITIONER,
  registerHousingLetter,
  request,
  SAMPLE_PERSONAL_DATA,
} from '../support/http.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from '../support/processes.js';
import { createStaff, staffAccountId } from '../support/staff.js';

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

const WRONG_PASSWORD = 'wrong-password-5d1c';
const DUTY_PHONE = '13912345678';

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
    housingId = await staffAccountId(env.db, 'chuanshan.housing');
    receipt = await registerHousingCase('小区房屋漏水物业不予维修');
  });

  after(async () => {
    await stopSystem(system);
    await env.dispose();
  });

  /** A letter about housing in 船山区, registered by the prefecture bureau: the housing bureau gets it. */
  async function registerHousingCase(title: string, petitioner?: typeof OTHER_PETITIONER) {
    const receipt = await registerHousingLetter(system.intake.url, tokens['suining.registrar'], {
      title,
      content: `${title}，请求住建部门督促。`,
      ...(petitioner && { petitioners: [petitioner] }),
    });
    await eventuallyFound(
      env.db,
      `SELECT 1 FROM routing.case_assignment_v1 a JOIN intake.petition p ON p.id = a.petition_id
       WHERE p.case_no = $1 AND a.unit_code = '510903-ZJJ' AND a.status = 'ASSIGNED'`,
      [receipt.caseNo],
      `case ${receipt.caseNo} assigned to the housing bureau`,
    );
    return receipt;
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
    form.append('file', new Blob([tinyPdf()]), '材料.pdf');
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
      body: { caseNo: receipt.caseNo, reason: '信访人扬言采取极端行为' },
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

  it('audit:verify passes on the chains the services wrote', async () => {
    const clean = await cli(env, 'audit:verify');
    assert.equal(clean.status, 0, clean.stderr);
    for (const schema of SCHEMAS) {
      assert.match(clean.stdout, new RegExp(`${schema}.audit_event: ok, \\d+ entries`));
    }
  });
});
