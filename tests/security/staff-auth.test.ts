import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '#common';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed-demo.js';
import { UsageError, userCreate } from '../../apps/cli/src/commands/user-create.js';
import { eventually } from '../support/eventually.js';
import { login, request } from '../support/http.js';
import { withSystem } from '../support/system.js';
import { createStaff, staffAccountId } from '../support/staff.js';
import { boardCookieFor, claimsOf, requestFrom, type TokenPair } from './security-support.js';

const WRONG = 'not-the-password-1';

describe(
  'staff sign-in: throttle, short tokens, refresh, audiences, account changes',
  {
    timeout: 300_000,
  },
  () => {
    const sut = withSystem({
      demo: true,
      settings: () => ({
        LOGIN_LOCKOUT_SECONDS: '1',
        LOGIN_FAILURES_PER_IP: '12',
        ACCOUNT_CHECK_CACHE_SECONDS: '2',
      }),
      prepare: async (env) => {
        for (const name of ['lock.me', 'swarm.me', 'ip.victim', 'gone.soon', 'moved.soon']) {
          await createStaff(env.config, name, '510903-XFJ', ['registrar', 'handler']);
        }
      },
    });
    let admin: string;

    const routing = (path: string) => `${sut.system.routing.url}/api/v1/${path}`;
    const signIn = async (username: string, password = DEMO_PASSWORD) => {
      const response = await request<TokenPair>('POST', routing('auth/login'), {
        body: { username, password },
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    };
    const loginFrom = (address: string, username: string, password: string) =>
      requestFrom(address, 'POST', routing('auth/login'), { username, password });
    /** A staff request to each service: the case search, the caller, the inbox. */
    const everywhere = async (token: string) => [
      (await request('GET', `${sut.system.intake.url}/api/v1/petitions`, { token })).status,
      (await request('GET', routing('me'), { token })).status,
      (await request('GET', `${sut.system.notify.url}/api/v1/notifications`, { token })).status,
    ];
    const accountId = (username: string) => staffAccountId(sut.env.db, username);

    before(async () => {
      admin = await login(sut.system.routing.url, 'admin');
    });

    it('locks a username out after 5 failures, for a time that doubles, and keeps the failures', async () => {
      const from = '127.0.0.2';
      for (let i = 1; i <= 5; i++) {
        const wrong = await loginFrom(from, 'lock.me', WRONG);
        assert.equal(wrong.status, 401, `failure ${i}`);
        assert.equal(wrong.body.code, 'INVALID_CREDENTIALS');
      }
      // Locked: even the right password is refused, before it is looked at.
      const locked = await loginFrom(from, 'lock.me', DEMO_PASSWORD);
      assert.equal(locked.status, 429);
      assert.equal(locked.headers.get('retry-after'), '1');
      assert.deepEqual(
        [locked.body.statusCode, locked.body.code, locked.body.message],
        [429, 'LOGIN_LOCKED', '登录失败次数过多，请1秒后再试'],
      );
      assert.deepEqual(locked.body.messages, {
        zh: '登录失败次数过多，请1秒后再试',
        en: 'Too many failed sign-ins; try again in 1 seconds',
      });
      // From another address too: the lockout is the username's.
      const elsewhere = await request('POST', routing('auth/login'), {
        body: { username: 'lock.me', password: DEMO_PASSWORD },
        headers: { 'accept-language': 'en' },
      });
      assert.deepEqual([elsewhere.status, elsewhere.body.message], [429, locked.body.messages.en]);

      await sleep(1_100);
      assert.equal((await loginFrom(from, 'lock.me', WRONG)).status, 401);
      const doubled = await loginFrom(from, 'lock.me', DEMO_PASSWORD);
      assert.deepEqual([doubled.status, doubled.headers.get('retry-after')], [429, '2']);
      await sleep(2_100);
      // The right password after the lockout: the count starts again.
      assert.equal((await loginFrom(from, 'lock.me', DEMO_PASSWORD)).status, 200);
      assert.equal((await loginFrom(from, 'lock.me', WRONG)).status, 401);
      assert.equal((await loginFrom(from, 'lock.me', DEMO_PASSWORD)).status, 200);

      await loginFrom(from, 'nobody.here', WRONG);
      const { rows } = await sut.env.db.query<Record<string, unknown>>(
        `SELECT * FROM routing.login_failure WHERE client_ip LIKE '%127.0.0.2' ORDER BY id`,
      );
      assert.deepEqual(
        rows.map((r) => [r.username, r.reason, r.locked_for_seconds]),
        [
          ...[1, 2, 3, 4].map(() => ['lock.me', 'WRONG_PASSWORD', null]),
          ['lock.me', 'WRONG_PASSWORD', 1],
          ['lock.me', 'WRONG_PASSWORD', 2],
          ['lock.me', 'WRONG_PASSWORD', null],
          ['nobody.here', 'UNKNOWN_USER', null],
        ],
      );
      assert.ok(rows.slice(0, 7).every((r) => r.staff_id !== null && r.endpoint === 'login'));
      const stored = JSON.stringify(rows);
      assert.ok(!stored.includes(WRONG) && !stored.includes(DEMO_PASSWORD), 'no password kept');
    });

    it('lets no more than the allowed guess through when guesses are sent all at once', async () => {
      const from = '127.0.0.4';
      // Five failures lock it for 1 s, the sixth for 2 s, the seventh for 4 s.
      for (let i = 1; i <= 7; i++) {
        assert.equal((await loginFrom(from, 'swarm.me', WRONG)).status, 401);
        if (i >= 5) await sleep(2 ** (i - 5) * 1_000 + 100);
      }
      // The lockout ends: twenty guesses at once. One is checked (and starts an 8 s lockout as it
      // is counted, before its password is), the others are refused.
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => loginFrom(from, 'swarm.me', WRONG)),
      );
      const statuses = answers.map((a) => a.status);
      assert.equal(statuses.filter((s) => s === 401).length, 1, statuses.join());
      assert.equal(statuses.filter((s) => s === 429).length, 19);
      assert.ok(answers.every((a) => a.status === 401 || Number(a.headers.get('retry-after')) > 4));
    });

    it('locks a client IP out after LOGIN_FAILURES_PER_IP failures, whatever the usernames', async () => {
      const from = '127.0.0.3';
      for (let i = 0; i < 12; i++) {
        assert.equal((await loginFrom(from, `guess.${i}`, WRONG)).status, 401);
      }
      const locked = await loginFrom(from, 'ip.victim', DEMO_PASSWORD);
      assert.equal(locked.status, 429);
      assert.equal(locked.headers.get('retry-after'), '1');
      // The same account from another address is not locked out.
      assert.equal((await loginFrom('127.0.0.5', 'ip.victim', DEMO_PASSWORD)).status, 200);
    });

    it('refuses a configured access token lifetime above 15 minutes', () => {
      assert.throws(
        () => loadConfig({ ...sut.env.env, JWT_TTL_SECONDS: '28800' }),
        /JWT_TTL_SECONDS: at most 900/,
      );
      assert.equal(loadConfig(sut.env.env).JWT_TTL_SECONDS, 900);
    });

    it('issues access tokens of at most 15 minutes, for the API only, renewed by one-use refresh tokens', async () => {
      const first = await signIn('chuanshan.handler');
      const claims = claimsOf(first.accessToken);
      assert.equal(claims.aud, 'api');
      assert.equal(Number(claims.exp) - Number(claims.iat), 900);
      assert.equal(first.expiresIn, 900);
      const signInEnds = Date.parse(first.refreshExpiresAt) - Date.now();
      assert.ok(Math.abs(signInEnds - 10 * 3_600_000) < 60_000, 'a working day (10 h by default)');
      assert.deepEqual(await everywhere(first.accessToken), [200, 200, 200]);

      const second = await request<TokenPair>('POST', routing('auth/refresh'), {
        body: { refreshToken: first.refreshToken },
      });
      assert.equal(second.status, 200);
      assert.notEqual(second.body.refreshToken, first.refreshToken);
      assert.equal(
        second.body.refreshExpiresAt,
        first.refreshExpiresAt,
        'the sign-in does not grow',
      );
      assert.deepEqual(await everywhere(second.body.accessToken), [200, 200, 200]);
      const { rows } = await sut.env.db.query<{ token_hash: Buffer }>(
        `SELECT token_hash FROM routing.refresh_token`,
      );
      assert.ok(!JSON.stringify(rows).includes(first.refreshToken), 'stored hashed');

      // The first refresh token again: copied. The whole sign-in ends, access tokens included.
      const reused = await request('POST', routing('auth/refresh'), {
        body: { refreshToken: first.refreshToken },
      });
      assert.deepEqual([reused.status, reused.body.code], [401, 'REFRESH_TOKEN_REUSED']);
      assert.ok((reused.body.messages as { zh: string }).zh.includes('已使用'));
      const after = await request('POST', routing('auth/refresh'), {
        body: { refreshToken: second.body.refreshToken },
      });
      assert.deepEqual([after.status, after.body.code], [401, 'REFRESH_TOKEN_INVALID']);
      assert.deepEqual(await everywhere(second.body.accessToken), [401, 401, 401]);
      // Another sign-in of the same account is not touched.
      assert.deepEqual(
        await everywhere(await login(sut.system.routing.url, 'chuanshan.handler')),
        [200, 200, 200],
      );
    });

    it('ends a sign-in on logout, and when its working day is over', async () => {
      const pair = await signIn('chuanshan.handler');
      const out = await request('POST', routing('auth/logout'), {
        body: { refreshToken: pair.refreshToken },
      });
      assert.equal(out.status, 204);
      const refused = await request('POST', routing('auth/refresh'), {
        body: { refreshToken: pair.refreshToken },
      });
      assert.equal(refused.status, 401);
      const ended = await request('GET', routing('me'), { token: pair.accessToken });
      assert.deepEqual([ended.status, ended.body.code], [401, 'SIGN_IN_ENDED']);

      const day = await signIn('chuanshan.handler');
      await sut.env.db.query(
        `UPDATE routing.refresh_token SET expires_at = now() - interval '1 second'
       WHERE token_hash = $1`,
        [createHash('sha256').update(day.refreshToken).digest()],
      );
      const late = await request('POST', routing('auth/refresh'), {
        body: { refreshToken: day.refreshToken },
      });
      assert.deepEqual([late.status, late.body.code], [401, 'REFRESH_TOKEN_INVALID']);
      const bad = await request('POST', routing('auth/refresh'), { body: { refreshToken: '' } });
      assert.equal(bad.status, 400);
      assert.equal((bad.body.errors as { field: string }[])[0]?.field, 'refreshToken');
    });

    it('keeps board and API tokens apart, and the board cookie cannot renew itself', async () => {
      const supervisor = await login(sut.system.routing.url, 'suining.supervisor');
      const boardToken = await boardCookieFor(sut.system.routing.url, supervisor);
      assert.equal(claimsOf(boardToken).aud, 'board');
      const board = `${sut.system.routing.url}/admin/queues`;
      const withCookie = (token: string, init: RequestInit = {}) =>
        fetch(`${board}/api/queues`, { ...init, headers: { cookie: `xinfang_board=${token}` } });
      assert.equal((await withCookie(boardToken)).status, 200);

      assert.deepEqual(await everywhere(boardToken), [401, 401, 401], 'not an API token');
      assert.equal((await withCookie(supervisor)).status, 401, 'an API token is not a cookie');
      const renewed = await fetch(`${board}?token=${boardToken}`, { redirect: 'manual' });
      assert.equal(renewed.status, 401, 'a board token is not exchanged for a new one');
      const posted = await fetch(`${board}/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${boardToken}` },
      });
      assert.equal(posted.status, 401);
      const bearer = await fetch(`${board}/api/queues`, {
        headers: { authorization: `Bearer ${boardToken}` },
      });
      assert.equal(bearer.status, 401, 'nor a bearer token');
    });

    it('ends the tokens of an account an admin disables, re-roles or moves, in all three services', async () => {
      const id = await accountId('gone.soon');
      const pair = await signIn('gone.soon');
      const cookie = await boardCookieFor(
        sut.system.routing.url,
        await login(sut.system.routing.url, 'suining.supervisor'),
      );
      assert.deepEqual(await everywhere(pair.accessToken), [200, 200, 200]);
      const patch = (body: unknown) =>
        request('PATCH', routing(`staff/${id}`), { token: admin, body });

      assert.equal((await patch({ active: false })).status, 200);
      assert.deepEqual(await everywhere(pair.accessToken), [401, 401, 401]);
      const refresh = await request('POST', routing('auth/refresh'), {
        body: { refreshToken: pair.refreshToken },
      });
      assert.equal(refresh.status, 401);
      assert.equal(
        (
          await request('POST', routing('auth/login'), {
            body: { username: 'gone.soon', password: DEMO_PASSWORD },
          })
        ).status,
        401,
      );
      assert.equal((await patch({ active: true })).status, 200);

      const again = await signIn('gone.soon');
      assert.equal((await patch({ roles: ['handler'] })).status, 200);
      assert.deepEqual(await everywhere(again.accessToken), [401, 401, 401]);
      const rerolled = await signIn('gone.soon');
      assert.deepEqual(claimsOf(rerolled.accessToken).roles, ['handler']);
      assert.equal((await patch({ unitCode: '510981-XFJ' })).status, 200);
      assert.deepEqual(await everywhere(rerolled.accessToken), [401, 401, 401]);
      assert.equal(claimsOf((await signIn('gone.soon')).accessToken).unit, '510981-XFJ');
      // A display name is no change of rights: the sign-in goes on.
      const renamed = await signIn('gone.soon');
      assert.equal((await patch({ displayName: '改名' })).status, 200);
      assert.deepEqual(await everywhere(renamed.accessToken), [200, 200, 200]);

      // The board cookie of a supervisor who is disabled stops working too.
      const supervisorId = await accountId('suining.supervisor');
      await request('PATCH', routing(`staff/${supervisorId}`), {
        token: admin,
        body: { active: false },
      });
      const gate = await fetch(`${sut.system.routing.url}/admin/queues/api/queues`, {
        headers: { cookie: `xinfang_board=${cookie}` },
      });
      assert.equal(gate.status, 401);
      await request('PATCH', routing(`staff/${supervisorId}`), {
        token: admin,
        body: { active: true },
      });
    });

    it('ends them within ACCOUNT_CHECK_CACHE_SECONDS when the database is changed directly', async () => {
      const id = await accountId('moved.soon');
      const token = (await signIn('moved.soon')).accessToken;
      assert.deepEqual(await everywhere(token), [200, 200, 200]);
      const redis = new Redis(sut.env.config.REDIS_URL);
      try {
        const key = `${sut.env.config.QUEUE_PREFIX}:staff:account:${id}`;
        assert.equal(await redis.get(key), '1:1', 'the services read the version from Redis');
      } finally {
        redis.disconnect();
      }
      await sut.env.db.query(
        `UPDATE routing.staff_account SET unit_code = '510981-XFJ' WHERE id = $1`,
        [id],
      );
      const { rows } = await sut.env.db.query<{ version: number }>(
        `SELECT version FROM routing.staff_account WHERE id = $1`,
        [id],
      );
      assert.equal(rows[0]?.version, 2, 'the trigger raised the version');
      const changedAt = Date.now();
      await eventually(
        async () => (await everywhere(token)).every((status) => status === 401),
        'the old token to be refused everywhere',
        20_000,
      );
      // Within the cache's life (2 s here), give or take a loaded machine; far within 60 s.
      assert.ok(Date.now() - changedAt < 15_000);
    });

    it('wants passwords of at least 12 characters: user:create, the admin API, a change', async () => {
      assert.ok(DEMO_PASSWORD.length >= 12, 'the demo password complies');
      await assert.rejects(
        userCreate(sut.env.config, {
          username: 'short.pass',
          displayName: 'x',
          unitCode: '510903-XFJ',
          roles: ['handler'],
          password: 'elevenchars',
        }),
        (error: unknown) => error instanceof UsageError && /12 characters/.test(error.message),
      );
      const created = await request('POST', routing('staff'), {
        token: admin,
        body: {
          username: 'short.pass',
          displayName: '短密码',
          unitCode: '510903-XFJ',
          roles: ['handler'],
          password: 'elevenchars',
        },
      });
      assert.equal(created.status, 400);
      assert.deepEqual(created.body.errors, [
        {
          field: 'password',
          label: 'password 密码',
          code: 'PASSWORD_TOO_SHORT',
          messages: {
            zh: '密码至少需要12个字符',
            en: 'The password needs at least 12 characters',
          },
          message: '密码至少需要12个字符',
        },
      ]);
      const change = await request('POST', routing('auth/password'), {
        body: {
          username: 'chuanshan.handler',
          currentPassword: DEMO_PASSWORD,
          newPassword: 'elevenchars',
        },
      });
      assert.equal(change.status, 400);
      assert.deepEqual(
        (change.body.errors as { field: string; code: string }[]).map((e) => [e.field, e.code]),
        [['newPassword', 'PASSWORD_TOO_SHORT']],
      );
      // Twelve Chinese characters are twelve characters.
      const chinese = await request('POST', routing('staff'), {
        token: admin,
        body: {
          username: 'long.pass',
          displayName: '长密码',
          unitCode: '510903-XFJ',
          roles: ['handler'],
          password: '春眠不觉晓处处闻啼鸟夜来',
        },
      });
      assert.equal(chinese.status, 201, JSON.stringify(chinese.body));
    });
  },
);
