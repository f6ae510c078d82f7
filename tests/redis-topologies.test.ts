import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, request, samplePetition } from './support/http.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from './support/processes.js';
import { LocalRedisCluster, LocalRedisSentinel } from './support/redis-topology.js';

/** Routed once, its clock open, its lead unit told and intake aware: the whole way of a petition. */
async function throughTheSystem(env: TestEnvironment, caseNo: string, when: string) {
  const one = async (sql: string) =>
    (await env.db.query<{ n: number }>(sql, [caseNo])).rows[0]?.n ?? 0;
  await eventually(
    async () =>
      (await one(
        `SELECT count(*)::int AS n FROM routing.assignment WHERE case_no = $1 AND role = 'LEAD'`,
      )) === 1 &&
      (await one(`SELECT count(*)::int AS n FROM notify.deadline WHERE case_no = $1`)) === 1 &&
      (await one(
        `SELECT count(*)::int AS n FROM notify.notification n JOIN intake.petition p
           ON p.id = n.petition_id
         WHERE p.case_no = $1 AND n.recipient_kind = 'UNIT' AND n.status = 'SENT'`,
      )) >= 1 &&
      (await one(
        `SELECT count(*)::int AS n FROM intake.petition WHERE case_no = $1 AND status = 'ASSIGNED'`,
      )) === 1,
    `petition ${caseNo} routed, its deadline open, its unit told and intake aware ${when}`,
  );
}

async function submit(intake: ServiceProcess, n: number): Promise<string> {
  const response = await request<{ caseNo: string }>(
    'POST',
    `${intake.url}/api/v1/public/petitions`,
    {
      body: samplePetition({ petitioners: [distinctPetitioner(n)] }),
    },
  );
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body.caseNo;
}

describe('Redis as operations teams run it', { timeout: 240_000 }, () => {
  let system: Partial<Record<ServiceName, ServiceProcess>> = {};
  const cleanups: (() => Promise<void>)[] = [];

  afterEach(async () => {
    await stopSystem(system);
    system = {};
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('runs on a Redis Cluster, and goes on when the master of its slot fails', async () => {
    const cluster = new LocalRedisCluster();
    cleanups.push(() => cluster.stop());
    await cluster.start();
    const env = await createTestEnvironment({ demo: true, redisUrl: cluster.url });
    cleanups.push(() => env.dispose());
    system = await startSystem(env.env);
    const intake = system.intake as ServiceProcess;

    await throughTheSystem(env, await submit(intake, 1), 'on the cluster');

    // Every key of the system hashes to the prefix's slot: kill the master serving it.
    const master = await cluster.masterOf(`${env.config.QUEUE_PREFIX}:routing:wait`);
    await cluster.kill(master);
    const during = await submit(intake, 2);
    await eventually(
      async () => (await cluster.masterOf(env.config.QUEUE_PREFIX)) !== master,
      'a replica promoted',
    );
    await throughTheSystem(env, during, 'submitted while its master was failing');
    await throughTheSystem(env, await submit(intake, 3), 'after the failover');
  });

  it('runs on a Sentinel set, and follows a failover to the new master', async () => {
    const sentinel = new LocalRedisSentinel();
    cleanups.push(() => sentinel.stop());
    await sentinel.start();
    const env = await createTestEnvironment({ demo: true, redisUrl: sentinel.url });
    cleanups.push(() => env.dispose());
    system = await startSystem(env.env);
    const intake = system.intake as ServiceProcess;

    await throughTheSystem(env, await submit(intake, 1), 'before the failover');
    const before = await sentinel.currentMaster();
    await sentinel.failover();
    assert.notEqual(await sentinel.currentMaster(), before);
    await throughTheSystem(env, await submit(intake, 2), 'after the failover');
    await throughTheSystem(env, await submit(intake, 3), 'and again');
  });
});
