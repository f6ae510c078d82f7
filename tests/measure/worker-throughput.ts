/**
 * Jobs per second of ONE worker process of routing and of notify (docs/operations.md, scaling):
 * petitions are submitted while the worker is stopped, so its queue fills; then one process is
 * started and timed until it has drained the queue.
 *   npm run typecheck && node dist/tests/measure/worker-throughput.js [petitions] [concurrency]
 */
import { cpus } from 'node:os';
import { createTestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { submitPetitions } from '../support/load.js';
import { freePort, ServiceProcess } from '../support/processes.js';

const petitions = Number(process.argv[2] ?? 1000);
const concurrency = process.argv[3] ?? '4';
const env = await createTestEnvironment({ demo: true });
const settings = { ...env.env, LOG_LEVEL: 'warn', WORKER_CONCURRENCY: concurrency };
const count = async (sql: string) => (await env.db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
const intake = new ServiceProcess('intake', await freePort(), settings);
const routing = new ServiceProcess('routing', await freePort(), settings);
const notify = new ServiceProcess('notify', await freePort(), settings);
try {
  intake.start();
  await intake.waitUntil();
  const load = await submitPetitions(intake.url, petitions, 8);

  let started = Date.now();
  routing.start();
  await eventually(
    async () =>
      (await count('SELECT count(*)::int AS n FROM routing.assignment')) === load.accepted.length,
    'routing',
    1_800_000,
  );
  const routingSeconds = (Date.now() - started) / 1000;

  started = Date.now();
  notify.start();
  await eventually(
    async () =>
      (await count(`SELECT count(*)::int AS n FROM notify.notification WHERE status = 'SENT'`)) ===
      load.accepted.length,
    'notify',
    1_800_000,
  );
  const notifySeconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `${cpus().length} × ${cpus()[0]?.model ?? '?'}; WORKER_CONCURRENCY=${concurrency}; ${load.accepted.length} petitions\n` +
      `routing, 1 process: ${routingSeconds.toFixed(1)} s including start-up, ${(load.accepted.length / routingSeconds).toFixed(1)} petition.received jobs/s\n` +
      `notify, 1 process: ${notifySeconds.toFixed(1)} s including start-up, ${((2 * load.accepted.length) / notifySeconds).toFixed(1)} jobs/s (petition.assigned + notification.dispatch)\n`,
  );
} finally {
  await Promise.all([intake.stop(), routing.stop(), notify.stop()]);
  await env.dispose();
}
