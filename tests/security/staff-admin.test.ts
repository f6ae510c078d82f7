import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventuallyFound } from '../support/eventually.js';
import { registerHousingLetter, request } from '../support/http.js';
import { withSystem } from '../support/system.js';
import { createStaff, createRetiredStaff, signedIn, staffIdsByUsername } from '../support/staff.js';
import type { TokenPair } from './security-support.js';

interface Me {
  username: string;
  displayName: string;
  roles: string[];
  unit: { code: string; name: string; kind: string; level: string; divisionCode: string };
  scope: { all: boolean; territory: string | null; unitCodes: string[] };
}

interface FieldErrors {
  errors: { field: string; code: string; messages: { zh: string; en: string } }[];
}

describe('staff administration over HTTP', { timeout: 300_000 }, () => {
  const sut = withSystem({
    demo: true,
    prepare: async (env) => {
      await createStaff(env.config, 'sjj.leader', '510903-SJJ', ['unit_leader']);
      await createRetiredStaff(env, 'zjj.retired', '510903-ZJJ', ['handler']);
      await createStaff(env.config, 'county.supervisor', '510903-GOV', ['supervisor']);
      await createStaff(env.config, 'chuanshan.supervisor', '510903-XFJ', ['supervisor']);
      await createStaff(env.config, 'shehong.supervisor', '510981-XFJ', ['supervisor']);
      Object.assign(ids, await staffIdsByUsername(env.db));
    },
  });
  const tokens = signedIn(sut, [
    'admin',
    'chuanshan.housing',
    'chuanshan.housing.leader',
    'suining.supervisor',
    'suining.registrar',
    'county.supervisor',
    'chuanshan.supervisor',
    'shehong.supervisor',
    'sjj.leader',
  ]);
  const ids: Record<string, string> = {};

  const routing = (path: string) => `${sut.system.routing.url}/api/v1/${path}`;
  const as = (user: string) => tokens[user] ?? '';

  it('tells the caller who they are, their unit, roles and scope', async () => {
    const me = async (user: string) => {
      const response = await request<Me>('GET', routing('me'), { token: as(user) });
      assert.equal(response.status, 200);
      return response.body;
    };
    const handler = await me('chuanshan.housing');
    assert.equal(handler.username, 'chuanshan.housing');
    assert.deepEqual(handler.roles, ['handler']);
    assert.deepEqual(handler.unit, {
      code: '510903-ZJJ',
      name: '船山区住房和城乡建设局',
      kind: 'DEPARTMENT',
      level: 'COUNTY',
      divisionCode: '510903',
    });
    assert.deepEqual(handler.scope, { all: false, territory: null, unitCodes: ['510903-ZJJ'] });

    // A county government's supervisor: the government and the units under it.
    const county = await me('county.supervisor');
    assert.equal(county.scope.territory, null);
    assert.ok(county.scope.unitCodes.includes('510903-GOV'));
    assert.ok(county.scope.unitCodes.includes('510903-ZJJ'));
    assert.ok(county.scope.unitCodes.includes('510903012-GOV'), 'a township under it');
    assert.ok(!county.scope.unitCodes.includes('510903-XFJ'), 'not under the government');
    // A petition bureau's supervisor: its territory.
    const bureau = await me('chuanshan.supervisor');
    assert.equal(bureau.scope.territory, '510903');
    assert.ok(bureau.scope.unitCodes.includes('510903-ZJJ'));
    assert.ok(!bureau.scope.unitCodes.includes('510981-ZJJ'));
    const prefecture = await me('suining.supervisor');
    assert.equal(prefecture.scope.territory, '5109');
    assert.ok(prefecture.scope.unitCodes.includes('510981-ZJJ'));
    assert.ok(prefecture.scope.unitCodes.includes('510903-XFJ'), 'the bureaus under it');
    assert.deepEqual((await me('admin')).scope, { all: true, territory: null, unitCodes: [] });
    assert.equal((await request('GET', routing('me'))).status, 401);
  });

  it('lets admins create accounts with a one-time password that is changed at first sign-in', async () => {
    const created = await request<{ id: string; oneTimePassword: string }>(
      'POST',
      routing('staff'),
      {
        token: as('admin'),
        body: {
          username: 'new.clerk',
          displayName: '新登记员',
          unitCode: '510903-XFJ',
          roles: ['registrar', 'registrar'],
        },
      },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.oneTimePassword.length, 16);
    assert.deepEqual(
      { ...created.body, id: undefined, oneTimePassword: undefined, createdAt: undefined },
      {
        id: undefined,
        oneTimePassword: undefined,
        createdAt: undefined,
        username: 'new.clerk',
        displayName: '新登记员',
        unitCode: '510903-XFJ',
        roles: ['registrar'],
        active: true,
        passwordChangeRequired: true,
        passwordChangedAt: null,
      },
    );
    const otp = created.body.oneTimePassword;
    const signIn = (password: string) =>
      request<TokenPair & { code?: string }>('POST', routing('auth/login'), {
        body: { username: 'new.clerk', password },
      });
    const first = await signIn(otp);
    assert.deepEqual(
      [first.status, first.body],
      [
        403,
        {
          statusCode: 403,
          code: 'PASSWORD_CHANGE_REQUIRED',
          message: '请先修改初始密码（POST /api/v1/auth/password），再登录',
          messages: {
            zh: '请先修改初始密码（POST /api/v1/auth/password），再登录',
            en: 'This one-time password must be changed first (POST /api/v1/auth/password)',
          },
        },
      ],
    );
    const change = (currentPassword: string, newPassword: string) =>
      request<TokenPair>('POST', routing('auth/password'), {
        body: { username: 'new.clerk', currentPassword, newPassword },
      });
    const same = await change(otp, otp);
    assert.equal(same.status, 400);
    assert.equal((same.body as unknown as FieldErrors).errors[0]?.code, 'PASSWORD_UNCHANGED');
    assert.equal((await change('wrong-one-time', 'my own passphrase')).status, 401);
    const changed = await change(otp, 'my own passphrase');
    assert.equal(changed.status, 200);
    const me = await request<Me>('GET', routing('me'), { token: changed.body.accessToken });
    assert.equal(me.body.username, 'new.clerk');
    assert.equal((await signIn(otp)).status, 401);
    const own = await signIn('my own passphrase');
    assert.equal(own.status, 200);

    // A reset: the sign-ins end, and a new one-time password is to be changed.
    const reset = await request<{ oneTimePassword: string }>(
      'POST',
      routing(`staff/${created.body.id}/password-reset`),
      { token: as('admin') },
    );
    assert.equal(reset.status, 200);
    assert.equal(
      (await request('GET', routing('me'), { token: own.body.accessToken })).status,
      401,
    );
    assert.equal((await signIn('my own passphrase')).status, 401);
    assert.equal((await signIn(reset.body.oneTimePassword)).body.code, 'PASSWORD_CHANGE_REQUIRED');

    const listed = await request<{ items: { username: string }[] }>(
      'GET',
      routing('staff?unitCode=510903-XFJ&role=registrar'),
      { token: as('admin') },
    );
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.items.map((a) => a.username),
      ['chuanshan.handler', 'new.clerk'],
    );
    assert.ok(!JSON.stringify(listed.body).includes('$argon2'), 'no password hash');
  });

  it('refuses bad account input field by field, in Chinese and English', async () => {
    const create = (body: unknown, user = 'admin') =>
      request<FieldErrors & { code: string }>('POST', routing('staff'), { token: as(user), body });
    const bad = await create({
      username: 'Bad Name',
      displayName: '',
      unitCode: '510903-XFJ',
      roles: [],
      extra: 1,
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e) => [e.field, e.code]).sort(), [
      ['(body)', 'unrecognized_keys'],
      ['displayName', 'too_small'],
      ['roles', 'ROLES_REQUIRED'],
      ['username', 'USERNAME_INVALID'],
    ]);
    assert.ok(bad.body.errors.every((e) => e.messages.zh && e.messages.en));
    const unknownUnit = await create({
      username: 'lost.clerk',
      displayName: '迷路',
      unitCode: 'NO-SUCH-UNIT',
      roles: ['handler'],
    });
    assert.deepEqual(
      unknownUnit.body.errors.map((e) => [e.field, e.code]),
      [['unitCode', 'UNIT_UNKNOWN']],
    );
    const taken = await create({
      username: 'chuanshan.handler',
      displayName: '重名',
      unitCode: '510903-XFJ',
      roles: ['handler'],
    });
    assert.deepEqual([taken.status, taken.body.code], [409, 'USERNAME_TAKEN']);
    const notAdmin = await create(
      { username: 'x.y', displayName: 'x', unitCode: '510903-XFJ', roles: ['admin'] },
      'suining.supervisor',
    );
    assert.equal(notAdmin.status, 403);

    const patch = (id: string, body: unknown) =>
      request<FieldErrors & { code: string }>('PATCH', routing(`staff/${id}`), {
        token: as('admin'),
        body,
      });
    assert.deepEqual(
      (await patch(ids['chuanshan.handler'] ?? '', {})).body.errors.map((e) => e.code),
      ['NO_CHANGES'],
    );
    assert.deepEqual(
      (await patch(ids['chuanshan.handler'] ?? '', { roles: ['boss'], unitCode: 'x' })).body.errors
        .map((e) => e.field)
        .sort(),
      ['roles[0]', 'unitCode'],
    );
    const self = await patch(ids.admin ?? '', { active: false });
    assert.deepEqual([self.status, self.body.code], [409, 'OWN_ACCOUNT']);
    const demote = await patch(ids.admin ?? '', { roles: ['supervisor'] });
    assert.deepEqual([demote.status, demote.body.code], [409, 'OWN_ACCOUNT']);
    assert.equal(
      (await patch('00000000-0000-4000-8000-000000000000', { active: false })).status,
      404,
    );
    assert.equal((await patch('not-a-uuid', { active: false })).status, 400);
  });

  it("lets a unit leader list their own unit's staff, not another unit's", async () => {
    const staffOf = (code: string, user: string) =>
      request<{ unit: { code: string }; items: { username: string }[]; code?: string }>(
        'GET',
        routing(`units/${code}/staff`),
        { token: as(user) },
      );
    const own = await staffOf('510903-ZJJ', 'chuanshan.housing.leader');
    assert.equal(own.status, 200);
    assert.deepEqual(
      own.body.items.map((a) => a.username),
      ['chuanshan.housing', 'chuanshan.housing.leader'],
      'active staff only',
    );
    const other = await staffOf('510903-SJJ', 'chuanshan.housing.leader');
    assert.deepEqual([other.status, other.body.code], [403, 'NOT_OWN_UNIT']);
    assert.equal((await staffOf('510903-ZJJ', 'chuanshan.housing')).status, 403, 'a handler');
    assert.equal((await staffOf('510903-ZJJ', 'chuanshan.supervisor')).status, 200);
    assert.equal((await staffOf('510903-ZJJ', 'shehong.supervisor')).status, 403);
    assert.equal((await staffOf('510903-ZJJ', 'admin')).status, 200);
    assert.equal((await staffOf('NO-SUCH-UNIT', 'admin')).status, 404);
  });

  it("lets only the lead unit's leader name the case's responsible leader (包案领导)", async () => {
    const { caseNo } = await registerHousingLetter(sut.system.intake.url, as('suining.registrar'));
    await eventuallyFound(
      sut.env.db,
      `SELECT 1 FROM routing.assignment
       WHERE case_no = $1 AND unit_code = '510903-ZJJ' AND role = 'LEAD'`,
      [caseNo],
      'the case to reach the housing bureau',
    );
    const act = (user: string, action: string, body: unknown = {}) =>
      request('POST', `${sut.system.routing.url}/api/v1/workbench/cases/${caseNo}/${action}`, {
        token: as(user),
        body,
      });
    assert.equal(
      (await act('chuanshan.housing', 'co-handlers', { unitCodes: ['510903-SJJ'] })).status,
      200,
    );

    // The co-handler's leader sees the case but does not answer for it.
    const coHandler = await act('sjj.leader', 'responsible-leader', { staffId: ids['sjj.leader'] });
    assert.deepEqual([coHandler.status, coHandler.body.code], [403, 'NOT_LEAD_UNIT']);
    assert.ok((coHandler.body.messages as { zh: string }).zh.includes('主办单位'));
    const stranger = await act('chuanshan.housing.leader', 'responsible-leader', {
      staffId: ids['sjj.leader'],
    });
    assert.deepEqual(
      [stranger.status, (stranger.body as unknown as FieldErrors).errors[0]?.field],
      [400, 'staffId'],
    );
    const named = await act('chuanshan.housing.leader', 'responsible-leader', {
      staffId: ids['chuanshan.housing.leader'],
    });
    assert.equal(named.status, 200);
    const { rows } = await sut.env.db.query<{ responsible_leader_id: string }>(
      `SELECT responsible_leader_id FROM routing.case_file WHERE case_no = $1`,
      [caseNo],
    );
    assert.equal(rows[0]?.responsible_leader_id, ids['chuanshan.housing.leader']);
  });
});
