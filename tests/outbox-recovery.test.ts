import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { OTHER_PETITIONER, request, samplePetition } from './support/http.js';
import { freePort, ServiceProcess, stopSystem, type ServiceName } from './support/processes.js';
import { PrivateRedis } from './support/redis-server.js';

const count = async (env: TestEnvironment, sql: string, params: unknown[] = []) =>
  (await env.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;

const unpublished = (env: TestEnvironment) =>
  count(env, 'SELECT count(*)::int AS n FROM intake.outbox WHERE published_at IS NULL');

/** Waits until the case has its one lead unit and each of its units is notified once. */
const routedAndNotified = async (env: TestEnvironment, caseNo: string, after: string) => {
  await eventually(async () => (await assignmentsOf(env, caseNo)) === 1, `routing ${after}`);
  await eventually(
    async () =>
      (await count(
        env,
        `SELECT count(*)::int AS n FROM notify.notification
         WHERE status = 'SENT' AND recipient_kind = 'UNIT'`,
      )) === (await unitsOf(env, caseNo)),
    `the notification ${after}`,
  );
};

/** Lead assignments: exactly one unit leads a case; a township may co-handle it. */
const assignmentsOf = (env: TestEnvironment, caseNo: string) =>
  count(
    env,
    `SELECT count(*)::int AS n FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
    [caseNo],
  );

const unitsOf = (env: TestEnvironment, caseNo: string) =>
  count(env, 'SELECT count(*)::int AS n FROM routing.assignment WHERE case_no = $1', [caseNo]);

const submit = async (intake: ServiceProcess, overrides: Record<string, unknown> = {}) => {
  const response = await request<{ caseNo: string }>(
    'POST',
    `${intake.url}/api/v1/public/petitions`,
    {
      body: samplePetition(overrides),
    },
  );
  assert.equal(response.status, 201);
  return response.body.caseNo;
};

describe('a petition acknowledged with 201 is never lost', { timeout: 120_000 }, () => {
  const running: Partial<Record<ServiceName, ServiceProcess>> = {};
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await stopSystem(running);
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it(
    'survives SIGKILL of intake between commit and publish, and is routed exactly once',
    { timeout: 90_000 },
    async () => {
      const env = await createTestEnvironment({ demo: true });
      cleanups.push(() => env.dispose());
      running.routing = new ServiceProcess('routing', await freePort(), env.env);
      running.notify = new ServiceProcess('notify', await freePort(), env.env);
      running.routing.start();
      running.notify.start();
      // An API-only intake: it commits petitions and their outbox rows but publishes nothing.
      const intake = new ServiceProcess('intake', await freePort(), env.env);
      running.intake = intake;
      intake.start({ OUTBOX_RELAY: 'off' });
      await Promise.all([
        intake.waitUntil(),
        running.routing.waitUntil(),
        running.notify.waitUntil(),
      ]);

      const caseNo = await submit(intake);
      await intake.stop('SIGKILL');

      assert.equal(await unpublished(env), 1, 'the committed outbox row waits unpublished');
      assert.equal(await assignmentsOf(env, caseNo), 0);

      intake.start();
      await intake.waitUntil();
      await routedAndNotified(env, caseNo, 'after restart');
      // A second restart publishes nothing again and routes nothing twice.
      await intake.stop();
      intake.start();
      await intake.waitUntil();
      await eventually(
        async () =>
          (await count(
            env,
            `SELECT count(*)::int AS n FROM intake.petition WHERE status = 'ASSIGNED'`,
          )) === 1,
        'intake to learn of the assignment',
      );
      assert.equal(await assignmentsOf(env, caseNo), 1);
      // One clock, the lead unit's; co-handlers have none.
      assert.equal(await count(env, 'SELECT count(*)::int AS n FROM notify.deadline'), 1);
      assert.equal(await unpublished(env), 0);
    },
  );

  it(
    'accepts petitions while Redis is down and routes them once it is back',
    { timeout: 90_000 },
    async () => {
      const redis = new PrivateRedis(await freePort());
      await redis.start();
      cleanups.push(() => redis.stop());
      const env = await createTestEnvironment({ demo: true, redisUrl: redis.url });
      cleanups.push(() => env.dispose());
      const intake = new ServiceProcess('intake', await freePort(), env.env);
      running.intake = intake;
      running.routing = new ServiceProcess('routing', await freePort(), env.env);
      running.notify = new ServiceProcess('notify', await freePort(), env.env);
      for (const service of Object.values(running)) service.start();
      await Promise.all(Object.values(running).map((s) => s.waitUntil()));

      await redis.stop();
      const caseNo = await submit(intake);
      const ready = await fetch(`${intake.url}/health/ready`);
      assert.equal(ready.status, 503, 'readiness reports Redis down');
      assert.equal(await unpublished(env), 1);

      // Redis comes back empty (no persistence): only the outbox remembers the petition.
      await redis.start();
      await routedAndNotified(env, caseNo, 'after Redis returns');
      // The workers kept consuming after their connection came back.
      // Another person: the same person's same matter would be a repeat, not routed.
      const second = await submit(intake, { petitioners: [OTHER_PETITIONER] });
      await eventually(
        async () => (await assignmentsOf(env, second)) === 1,
        'routing of a later petition',
      );
      // Ready again, and the routing worker counts both jobs it completed, across the outage.
      for (const service of Object.values(running)) {
        assert.equal((await fetch(`${service.url}/health/ready`)).status, 200, service.name);
      }
      const metrics = await (await fetch(`${running.routing.url}/metrics`)).text();
      assert.match(
        metrics,
        /xinfang_job_duration_seconds_count\{queue="routing",job="petition.received",outcome="completed"\} 2/,
      );
    },
  );
});
