import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { cliIn } from './support/cli.js';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { login, request } from './support/http.js';
import { freePort, ServiceProcess } from './support/processes.js';

type FieldErrors = { errors: { field: string; code: string; message: string }[] };
type UnitBody = Record<string, unknown> & { code: string; active: boolean };
type Page = { items: UnitBody[]; total: number };

const dist = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const newUnit = {
  code: '510903-TJJ',
  name: '船山区统计局',
  kind: 'DEPARTMENT',
  level: 'COUNTY',
  divisionCode: '510903',
  superiorCode: '510903-GOV',
  categories: ['OTHER'],
  contactEmail: 'tjj.510903@example.gov.cn',
  contactPhone: '+86 139 0825 1234',
};

describe('the unit directory', { timeout: 180_000 }, () => {
  let env: TestEnvironment;
  let routing: ServiceProcess;
  let admin: string;
  let url: string;
  let workDir: string;
  let files = 0;

  before(async () => {
    env = await createTestEnvironment({ demo: true });
    routing = new ServiceProcess('routing', await freePort(), env.env);
    routing.start();
    await routing.waitUntil('ready');
    admin = await login(routing.url, 'admin');
    url = `${routing.url}/api/v1/units`;
    workDir = await mkdtemp(join(tmpdir(), 'xinfang-units-'));
  });

  after(async () => {
    await routing.stop();
    await env.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  const unitCount = async () =>
    (await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM routing.unit')).rows[0]?.n;

  /** Runs `units:load` as an operator would, in a directory of its own. */
  async function unitsLoad(yaml: string, ...flags: string[]) {
    const file = join(workDir, `directory-${String(++files)}.yaml`);
    await writeFile(file, yaml);
    return cliIn(workDir, env, ['units:load', file, ...flags]);
  }

  it('the demo directory holds the township governments of 船山区', async () => {
    const townships = await request<Page>(
      'GET',
      `${url}?divisionCode=510903&level=TOWNSHIP&pageSize=100`,
      {
        token: admin,
      },
    );
    assert.equal(townships.status, 200);
    assert.equal(townships.body.total, 24);
    const longfeng = townships.body.items.find((unit) => unit.code === '510903100-GOV');
    assert.deepEqual(longfeng, {
      code: '510903100-GOV',
      name: '龙凤镇人民政府',
      kind: 'GOVERNMENT',
      level: 'TOWNSHIP',
      divisionCode: '510903100',
      superiorCode: '510903-GOV',
      categories: [],
      contactEmail: null,
      contactPhone: null,
      active: true,
    });
    const nanjin = townships.body.items.find((unit) => unit.code === '510903001-GOV');
    assert.equal(nanjin?.name, '南津路街道办事处');

    // `division` is the filter's name before 2026-12, still accepted for `divisionCode`.
    const housing = await request<Page>('GET', `${url}?division=510900&category=HOUSING`, {
      token: admin,
    });
    assert.deepEqual(
      housing.body.items.map((unit) => unit.code),
      ['510900-ZJJ', '510903-ZJJ', '510904-ZJJ', '510921-ZJJ', '510923-ZJJ', '510981-ZJJ'],
    );
    assert.equal(housing.body.items[1]?.contactEmail, 'zjj.510903@example.gov.cn');

    const before = await unitCount();
    const seededAgain = await cliIn(workDir, env, ['seed:demo']);
    assert.equal(seededAgain.status, 0, seededAgain.stderr);
    assert.match(seededAgain.stdout, new RegExp(`demo directory: ${String(before)} units`));
    assert.equal(await unitCount(), before, 'seeding again adds nothing');
  });

  it('a unit shows its handlers and leaders, without passwords', async () => {
    const response = await request<{
      handlers: Record<string, unknown>[];
      leaders: Record<string, unknown>[];
    }>('GET', `${url}/510903-XFJ`, { token: admin });
    assert.equal(response.status, 200);
    assert.deepEqual(
      response.body.handlers.map((account) => [account.username, account.roles]),
      [['chuanshan.handler', ['handler', 'registrar']]],
    );
    assert.deepEqual(
      response.body.leaders.map((account) => account.username),
      ['chuanshan.leader'],
    );
    assert.deepEqual(Object.keys(response.body.handlers[0] ?? {}).sort(), [
      'displayName',
      'id',
      'roles',
      'username',
    ]);
    assert.equal((await request('GET', `${url}/510903-NONE`, { token: admin })).status, 404);
  });

  it('an admin creates, changes and deactivates a unit', async () => {
    const created = await request<UnitBody>('POST', url, { token: admin, body: newUnit });
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { ...newUnit, contactPhone: '13908251234', active: true });

    const changed = await request<UnitBody>('PATCH', `${url}/510903-TJJ`, {
      token: admin,
      body: { name: '船山区统计局（调查队）', categories: ['OTHER', 'FINANCE'] },
    });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.name, '船山区统计局（调查队）');
    assert.deepEqual(changed.body.categories, ['OTHER', 'FINANCE']);
    assert.equal(changed.body.contactEmail, newUnit.contactEmail, 'other fields are kept');

    const deactivated = await request<UnitBody>('PATCH', `${url}/510903-TJJ`, {
      token: admin,
      body: { active: false },
    });
    assert.equal(deactivated.status, 200);
    assert.equal(deactivated.body.active, false);
    // The other services see it through the read contract.
    const view = await env.db.query<{ name: string; active: boolean }>(
      `SELECT name, active FROM routing.unit_directory_v1 WHERE code = '510903-TJJ'`,
    );
    assert.deepEqual(view.rows, [{ name: '船山区统计局（调查队）', active: false }]);
    const inactive = await request<Page>('GET', `${url}?active=false`, { token: admin });
    assert.deepEqual(
      inactive.body.items.map((unit) => unit.code),
      ['510903-TJJ'],
    );
  });

  it('refuses bad fields with reasons in Chinese or English, and writes nothing', async () => {
    const before = await unitCount();
    const bad = {
      ...newUnit,
      code: '510903-SJJ2',
      level: 'TOWNSHIP',
      superiorCode: '510903-NONE',
      contactEmail: 'nobody',
      contactPhone: '12345',
      categories: ['WEATHER'],
    };
    const english = await request<FieldErrors>('POST', url, {
      token: admin,
      body: bad,
      headers: { 'accept-language': 'en' },
    });
    assert.equal(english.status, 400);
    assert.deepEqual(
      english.body.errors.map((e) => [e.field, e.code]),
      [
        ['categories[0]', 'invalid_value'],
        ['contactEmail', 'invalid_format'],
        ['contactPhone', 'phone_invalid'],
        ['divisionCode', 'division_level_mismatch'],
      ],
    );
    const mismatch = english.body.errors.find((e) => e.field === 'divisionCode');
    assert.equal(mismatch?.message, 'a township-level unit needs a division code of 9 digits');
    const chinese = await request<FieldErrors>('POST', url, { token: admin, body: bad });
    assert.equal(
      chinese.body.errors.find((e) => e.field === 'divisionCode')?.message,
      '乡镇级单位的行政区划代码应为9位数字',
    );
    assert.equal(
      chinese.body.errors.find((e) => e.field === 'contactPhone')?.message,
      '请填写有效的中国大陆手机号码或固定电话（区号-号码，可加分机号）',
    );

    // Well-formed, but the superior does not exist.
    const orphan = await request<FieldErrors>('POST', url, {
      token: admin,
      body: { ...newUnit, code: '510903-SJJ2', superiorCode: '510903-NONE' },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(orphan.status, 400);
    assert.deepEqual(orphan.body.errors, [
      {
        field: 'superiorCode',
        code: 'superior_unknown',
        message: 'superior unit 510903-NONE does not exist',
        messages: {
          zh: '上级单位510903-NONE不存在',
          en: 'superior unit 510903-NONE does not exist',
        },
      },
    ]);
    assert.equal(await unitCount(), before);
  });

  it('refuses a change that would put a unit under itself, or changes its code', async () => {
    const cycle = await request<FieldErrors>('PATCH', `${url}/510900-GOV`, {
      token: admin,
      body: { superiorCode: '510903-ZJJ' },
    });
    assert.equal(cycle.status, 400);
    assert.deepEqual(
      cycle.body.errors.map((e) => [e.field, e.code]),
      [['superiorCode', 'superior_cycle']],
    );
    const misfit = await request<FieldErrors>('PATCH', `${url}/510903-ZJJ`, {
      token: admin,
      body: { level: 'PREFECTURE' },
    });
    assert.deepEqual(
      misfit.body.errors.map((e) => [e.field, e.code]),
      [['divisionCode', 'division_level_mismatch']],
    );
    const renamed = await request<FieldErrors>('PATCH', `${url}/510903-ZJJ`, {
      token: admin,
      body: { code: '510903-ZJJ2' },
    });
    assert.equal(renamed.status, 400);
    const unknown = await request('PATCH', `${url}/510903-NONE`, {
      token: admin,
      body: { active: false },
    });
    assert.equal(unknown.status, 404);
    const rows = await env.db.query(
      `SELECT superior_code, level FROM routing.unit WHERE code IN ('510900-GOV', '510903-ZJJ') ORDER BY code`,
    );
    assert.deepEqual(rows.rows, [
      { superior_code: null, level: 'PREFECTURE' },
      { superior_code: '510903-GOV', level: 'COUNTY' },
    ]);
  });

  it('refuses a code that exists with 409', async () => {
    const duplicate = await request<{ code: string }>('POST', url, {
      token: admin,
      body: { ...newUnit, code: '510903-XFJ', name: '重名单位' },
    });
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.code, 'UNIT_EXISTS');
    const rows = await env.db.query(`SELECT name FROM routing.unit WHERE code = '510903-XFJ'`);
    assert.deepEqual(rows.rows, [{ name: '船山区信访局' }]);
  });

  it('only admins change the directory; dispatchers and supervisors read it', async () => {
    const handler = await login(routing.url, 'chuanshan.handler');
    const supervisor = await login(routing.url, 'suining.supervisor');
    const registrar = await login(routing.url, 'suining.registrar');
    // Handlers list units (a transfer target, co-handlers) but do not see a unit's staff.
    assert.equal((await request('GET', url, { token: handler })).status, 200);
    assert.equal((await request('GET', url, { token: registrar })).status, 403);
    assert.equal((await request('GET', `${url}/510903-XFJ`, { token: handler })).status, 403);
    assert.equal((await request('GET', url)).status, 401);
    assert.equal((await request('GET', url, { token: supervisor })).status, 200);
    assert.equal((await request('GET', `${url}/510903-XFJ`, { token: supervisor })).status, 200);
    const body = { ...newUnit, code: '510903-TJJ3' };
    assert.equal((await request('POST', url, { token: supervisor, body })).status, 403);
    assert.equal((await request('POST', url, { token: handler, body })).status, 403);
    const patch = { token: supervisor, body: { active: false } };
    assert.equal((await request('PATCH', `${url}/510903-XFJ`, patch)).status, 403);
    assert.equal(
      (await env.db.query(`SELECT 1 FROM routing.unit WHERE code = '510903-TJJ3'`)).rowCount,
      0,
    );
  });

  it('a directory file with one bad unit writes nothing and names every problem', async () => {
    const before = await unitCount();
    const file = `units:
  - code: 510903-YJJ
    name: 船山区应急管理局
    kind: DEPARTMENT
    level: COUNTY
    divisionCode: 510903
    superiorCode: 510903-GOV
  - code: 510903-SWJ
    name: 船山区水利局
    kind: DEPARTMENT
    level: COUNTY
    divisionCode: 510999
    superiorCode: 510903-NONE
  - code: 510903-YJJ
    name: 重复
    kind: DEPARTMENT
    level: COUNTY
    divisionCode: 510903
`;
    const refused = await unitsLoad(file);
    assert.equal(refused.status, 65, refused.stderr);
    const problems = refused.stderr.split('\n').filter((line) => line.startsWith('line '));
    assert.deepEqual(problems, [
      'line 12: units[1].divisionCode: 510999不是县级行政区划代码 / 510999 is not a county-level division (division_unknown)',
      'line 13: units[1].superiorCode: 上级单位510903-NONE不存在 / superior unit 510903-NONE does not exist (superior_unknown)',
      'line 14: units[2].code: 单位代码510903-YJJ重复，第1个单位已使用 / unit code 510903-YJJ is already used by unit 1 (unit_code_repeated)',
    ]);
    assert.match(refused.stderr, /3 problem\(s\), nothing written/);
    assert.equal(await unitCount(), before);

    const fixed = file
      .replace('divisionCode: 510999\n    superiorCode: 510903-NONE', 'divisionCode: 510903')
      .replace('  - code: 510903-YJJ\n    name: 重复', '  - code: 510903-SWJ-XX\n    name: 重复');
    const loaded = await unitsLoad(fixed);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.match(loaded.stdout, /units: 3 created, 0 updated, 0 unchanged, 0 deactivated/);
    assert.equal(await unitCount(), (before ?? 0) + 3);
    const again = await unitsLoad(fixed);
    assert.match(again.stdout, /units: 0 created, 0 updated, 3 unchanged, 0 deactivated/);
  });

  it('loads the documented sample, superiors first, and can deactivate what it does not list', async () => {
    const sample = await cliIn(workDir, env, [
      'units:load',
      dist('../docs/examples/unit-directory.yaml'),
    ]);
    assert.equal(sample.status, 0, sample.stderr);
    // The sample agrees with the demo directory except for the court it adds.
    assert.match(sample.stdout, /units: 1 created, 0 updated, 6 unchanged, 0 deactivated/);

    // A new county government and its township, the township listed first.
    const active = async () =>
      (
        await env.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM routing.unit WHERE active',
        )
      ).rows[0]?.n ?? 0;
    const activeBefore = await active();
    const file = `units:
  - code: 510904100-GOV
    name: 安居镇人民政府
    kind: GOVERNMENT
    level: TOWNSHIP
    divisionCode: 510904100
    superiorCode: 510904-GOV
    contactEmail: anju@example.gov.cn
  - code: 510904-GOV
    name: 安居区人民政府
    kind: GOVERNMENT
    level: COUNTY
    divisionCode: 510904
    superiorCode: 510900-GOV
    contactEmail: gov.510904@example.gov.cn
  - code: 510900-GOV
    name: 遂宁市人民政府
    kind: GOVERNMENT
    level: PREFECTURE
    divisionCode: 510900
    contactEmail: gov.510900@example.gov.cn
`;
    const loaded = await unitsLoad(file, '--deactivate-missing');
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.match(
      loaded.stdout,
      new RegExp(
        `units: 0 created, 1 updated, 2 unchanged, ${String(activeBefore - 3)} deactivated`,
      ),
    );
    assert.equal(await active(), 3);
    const township = await env.db.query(
      `SELECT contact_email, active FROM routing.unit_directory_v1 WHERE code = '510904100-GOV'`,
    );
    assert.deepEqual(township.rows, [{ contact_email: 'anju@example.gov.cn', active: true }]);
  });
});
