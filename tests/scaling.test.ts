import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { submitPetitions } from './support/load.js';
import { freePort, ServiceProcess, startSystem, stopSystem } from './support/processes.js';

const PETITIONS = 2_000;

/** The number of jobs of one name a process completed, from its /metrics. */
async function completedJobs(service: ServiceProcess, job: string): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('xinfang_job_duration_seconds_count{') &&
        l.includes(`job="${job}"`) &&
        l.includes('outcome="completed"'),
    );
  return Number(line?.split(' ')[1] ?? 0);
}

// The one heavy test: a few minutes on two cores.
describe('independent scaling', { timeout: 900_000 }, () => {
  let env: TestEnvironment | undefined;
  const processes: ServiceProcess[] = [];
  after(async () => {
    await stopSystem(Object.fromEntries(processes.map((p, i) => [i, p])));
    await env?.dispose();
  });

  it('two routing and two notify replicas route and notify each of 2,000 petitions once', async () => {
    env = await createTestEnvironment({ demo: true });
    const settings = { ...env.env, LOG_LEVEL: 'warn' };
    const intake = new ServiceProcess('intake', await freePort(), settings);
    const routing = [
      new ServiceProcess('routing', await freePort(), settings),
      new ServiceProcess('routing', await freePort(), settings),
    ];
    const notify = [
      new ServiceProcess('notify', await freePort(), settings),
      new ServiceProcess('notify', await freePort(), settings),
    ];
    processes.push(intake, ...routing, ...notify);
    for (const p of processes) p.start();
    await Promise.all(processes.map((p) => p.waitUntil()));

    const load = await submitPetitions(intake.url, PETITIONS, 8);
    assert.equal(load.accepted.length, PETITIONS);
    const db = env.db;
    const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

    await eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM notify.notification WHERE status = 'SENT'`)) >=
          PETITIONS &&
        (await count(
          `SELECT count(*)::int AS n FROM notify.notification WHERE status <> 'SENT'`,
        )) === 0 &&
        (await count(`SELECT count(*)::int AS n FROM notify.outbox WHERE published_at IS NULL`)) ===
          0,
      'every notification to be sent',
      600_000,
    );
    // One lead for the first stage per petition, none twice.
    assert.equal(
      await count(
        `SELECT count(DISTINCT petition_id)::int AS n FROM routing.assignment
         WHERE role = 'LEAD' AND stage = 'HANDLING'`,
      ),
      PETITIONS,
    );
    assert.equal(
      await count(
        `SELECT count(*)::int AS n FROM routing.assignment WHERE role = 'LEAD' AND stage = 'HANDLING'`,
      ),
      PETITIONS,
    );
    // Every notification once: no two for one petition, template and recipient.
    assert.equal(
      await count(
        `SELECT count(*)::int AS n FROM (SELECT petition_id, template, recipient
           FROM notify.notification GROUP BY 1, 2, 3 HAVING count(*) > 1) twice`,
      ),
      0,
    );
    assert.equal(
      await count(
        `SELECT count(*)::int AS n FROM notify.timeline_entry WHERE type = 'notification.sent'`,
      ),
      await count(`SELECT count(*)::int AS n FROM notify.notification`),
    );
    // Both replicas of each worker took part, and together they processed each job once.
    const routedBy = await Promise.all(routing.map((r) => completedJobs(r, 'petition.received')));
    assert.ok(
      routedBy.every((n) => n > 0),
      `routing replicas: ${routedBy.join(', ')}`,
    );
    assert.equal(
      routedBy.reduce((a, b) => a + b, 0),
      PETITIONS,
    );
    const sentBy = await Promise.all(notify.map((n) => completedJobs(n, 'notification.dispatch')));
    assert.ok(
      sentBy.every((n) => n > 0),
      `notify replicas: ${sentBy.join(', ')}`,
    );
  });
});

describe('a notify process at high concurrency', { timeout: 300_000 }, () => {
  let env: TestEnvironment | undefined;
  let system: Awaited<ReturnType<typeof startSystem>> | undefined;
  after(async () => {
    if (system) await stopSystem(system);
    await env?.dispose();
  });

  // Each dispatch job holds its transaction and claims its notification in a second one; with a
  // pool smaller than twice the concurrency, a burst took every connection and stalled for ever.
  // 24 jobs are well past the old fixed pool of 10 and leave PostgreSQL's default 100 connections
  // room for the test file that runs beside this one.
  it('sends a burst with 24 jobs at once, its connection pool sized for them', async () => {
    env = await createTestEnvironment({ demo: true });
    system = await startSystem({ ...env.env, LOG_LEVEL: 'warn', WORKER_CONCURRENCY_NOTIFY: '24' });
    const load = await submitPetitions(system.intake.url, 150, 8);
    assert.equal(load.accepted.length, 150);
    const db = env.db;
    await eventually(
      async () => {
        const { rows } = await db.query<{ status: string; n: number }>(
          `SELECT status, count(*)::int AS n FROM notify.notification GROUP BY status`,
        );
        if (rows.length === 1 && rows[0]?.status === 'SENT' && rows[0].n >= 150 * 3) return true;
        throw new Error(JSON.stringify(rows));
      },
      'every notification of the burst to be sent',
      120_000,
    );
  });
});
