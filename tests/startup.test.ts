import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { Test } from '@nestjs/testing';
import { MissingJobHandlerError, QueueName, ServiceInfrastructureModule } from '#common';
import { notifyData } from '../apps/notify/src/database/notify-data.js';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { request } from './support/http.js';
import { freePort, ServiceProcess } from './support/processes.js';

const dist = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const run = (script: string, args: string[], env: Record<string, string>, input?: string) =>
  spawnSync(process.execPath, [dist(script), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });

describe('start-up refuses what would fail later', { timeout: 120_000 }, () => {
  let env: TestEnvironment;
  before(async () => {
    env = await createTestEnvironment({ demo: true });
  });
  after(async () => {
    await env.dispose();
  });

  it('a service with a missing or malformed setting exits and names it', () => {
    const { JWT_SECRET: _missing, ...withoutSecret } = env.env;
    const result = run('apps/intake/src/main.js', [], {
      ...withoutSecret,
      DATABASE_URL: 'mysql://nope',
    });
    assert.equal(result.status, 78);
    assert.match(result.stderr, /JWT_SECRET/);
    assert.match(result.stderr, /DATABASE_URL/);
  });

  it('a worker without a handler for a job of its queue does not start', async () => {
    Object.assign(process.env, env.env);
    const moduleRef = await Test.createTestingModule({
      // notify's infrastructure without the handlers of notify's jobs
      imports: [
        ServiceInfrastructureModule.forService({ ...notifyData, consumes: QueueName.Notify }),
      ],
    }).compile();
    await assert.rejects(
      () => moduleRef.createNestApplication().init(),
      (error: Error) =>
        error instanceof MissingJobHandlerError &&
        error.message.includes('petition.assigned') &&
        error.message.includes('notification.dispatch'),
    );
    await moduleRef.close();
  });

  it('npm start says which server is unreachable, where, and how to start it', async () => {
    const deadPort = String(await freePort());
    const noPostgres = run('apps/cli/src/main.js', ['start'], {
      ...env.env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${deadPort}/xinfang`,
    });
    assert.equal(noPostgres.status, 1);
    assert.match(
      noPostgres.stderr,
      new RegExp(`PostgreSQL cannot be reached at 127.0.0.1:${deadPort}`),
    );
    assert.match(noPostgres.stderr, /docker compose up -d postgres/);

    const noRedis = run('apps/cli/src/main.js', ['start'], {
      ...env.env,
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
    });
    assert.equal(noRedis.status, 1);
    assert.match(noRedis.stderr, new RegExp(`Redis cannot be reached at 127.0.0.1:${deadPort}`));
  });

  it('user:create makes an account that can log in; no other password exists', async () => {
    const created = run(
      'apps/cli/src/main.js',
      [
        'user:create',
        '--username',
        'daying.handler',
        '--name',
        '大英县经办人',
        '--unit',
        '510923-XFJ',
        '--roles',
        'handler,registrar',
      ],
      env.env,
    );
    assert.equal(created.status, 0, created.stderr);
    const password = /password \(shown once\): (\S+)/.exec(created.stdout)?.[1];
    assert.ok(password && password.length >= 16);

    const fromStdin = run(
      'apps/cli/src/main.js',
      [
        'user:create',
        '--username',
        'daying.leader',
        '--unit',
        '510923-XFJ',
        '--roles',
        'unit_leader',
        '--password-stdin',
      ],
      env.env,
      'a-long-enough-password\n',
    );
    assert.equal(fromStdin.status, 0, fromStdin.stderr);
    assert.doesNotMatch(fromStdin.stdout, /shown once/);

    const duplicate = run(
      'apps/cli/src/main.js',
      ['user:create', '--username', 'daying.handler', '--unit', '510923-XFJ', '--roles', 'handler'],
      env.env,
    );
    assert.equal(duplicate.status, 64);
    const badRole = run(
      'apps/cli/src/main.js',
      ['user:create', '--username', 'x', '--unit', '510923-XFJ', '--roles', 'boss'],
      env.env,
    );
    assert.equal(badRole.status, 64);
    assert.match(badRole.stderr, /registrar, dispatcher, handler, unit_leader, supervisor, admin/);

    const { rows } = await env.db.query<{ password_hash: string }>(
      `SELECT password_hash FROM routing.staff_account WHERE username = 'daying.handler'`,
    );
    assert.match(rows[0]?.password_hash ?? '', /^\$argon2id\$/);

    const routing = new ServiceProcess('routing', await freePort(), env.env);
    routing.start();
    try {
      await routing.waitUntil('live');
      const url = `${routing.url}/api/v1/auth/login`;
      const ok = await request<{ accessToken: string }>('POST', url, {
        body: { username: 'daying.handler', password },
      });
      assert.equal(ok.status, 200);
      const claims = JSON.parse(
        Buffer.from(ok.body.accessToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as Record<string, unknown>;
      assert.equal(claims.unit, '510923-XFJ');
      assert.deepEqual(claims.roles, ['handler', 'registrar']);
      const wrong = await request('POST', url, {
        body: { username: 'daying.handler', password: 'guess' },
      });
      assert.equal(wrong.status, 401);
      const nobody = await request('POST', url, {
        body: { username: 'nobody', password: 'guess' },
      });
      assert.equal(nobody.status, 401);
    } finally {
      await routing.stop();
    }
  });
});
