import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestEnvironment, type TestEnvironment } from './support/environment.js';
import { eventually } from './support/eventually.js';
import { submitPetitions } from './support/load.js';
import {
  startSystem,
  stopSystem,
  type ServiceName,
  type ServiceProcess,
} from './support/processes.js';

const PETITIONS = 120;

describe('graceful shutdown', { timeout: 300_000 }, () => {
  let env: TestEnvironment | undefined;
  let system: Record<ServiceName, ServiceProcess> | undefined;
  after(async () => {
    if (system) await stopSystem(system);
    await env?.dispose();
  });

  it('SIGTERM during a burst exits 0 and loses no acknowledged petition', async () => {
    const scratch = await createTestEnvironment({ demo: true });
    env = scratch;
    const running = await startSystem({
      ...scratch.env,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_MS: '10000',
    });
    system = running;
    let stopping: Promise<(number | null)[]> | undefined;
    const load = await submitPetitions(running.intake.url, PETITIONS, 6, (so_far) => {
      // A third of the way in, intake and routing are told to stop while requests and jobs run.
      if (!stopping && so_far.accepted.length >= PETITIONS / 3) {
        stopping = Promise.all([running.intake.stop('SIGTERM'), running.routing.stop('SIGTERM')]);
      }
    });
    assert.ok(stopping, 'the services were stopped mid-burst');
    assert.deepEqual(await stopping, [0, 0], 'both closed gracefully');
    assert.deepEqual(load.otherStatuses, [], 'a request is answered 201 or not at all');
    assert.ok(load.unanswered > 0, 'requests after the stop found intake closed');

    running.intake.start();
    running.routing.start();
    await Promise.all([running.intake.waitUntil(), running.routing.waitUntil()]);
    // Every acknowledged petition is routed exactly once after the restart.
    const routed = async () =>
      (
        await scratch.db.query<{ case_no: string; n: number }>(
          `SELECT case_no, count(*)::int AS n FROM routing.assignment
           WHERE role = 'LEAD' AND stage = 'HANDLING' GROUP BY case_no`,
        )
      ).rows;
    await eventually(
      async () => (await routed()).length === load.accepted.length,
      'every acknowledged petition to be routed',
    );
    const rows = await routed();
    assert.deepEqual(rows.map((r) => r.case_no).sort(), [...load.accepted].sort());
    assert.ok(
      rows.every((r) => r.n === 1),
      'each routed once',
    );
  });
});
