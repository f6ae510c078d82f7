/**
 * Chaos: petitions submitted while service replicas are killed (SIGKILL) and restarted every few
 * seconds, Redis is restarted twice and PostgreSQL once. When the load stops and the system has
 * settled, checks that nothing acknowledged was lost or done twice. Exit 0 only if all hold.
 *
 *   npm run chaos [-- --petitions 10000 --replicas 2 --kill-every 3]
 *
 * Runs its own PostgreSQL (initdb, as the postgres user) and Redis (AOF on, as in production), so
 * restarting them disturbs nothing else; SMS go over SMPP to a local SMS centre.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { QueueName } from '#common';
import { SmscProcess } from '../measure/smsc-client.js';
import { distinctPetitioner, samplePetition } from '../support/http.js';
import { PrivatePostgres } from '../support/private-postgres.js';
import { freePort, ServiceProcess, type ServiceName } from '../support/processes.js';
import { PrivateRedis } from '../support/redis-server.js';

const { values } = parseArgs({
  options: {
    petitions: { type: 'string', default: '10000' },
    replicas: { type: 'string', default: '2' },
    'kill-every': { type: 'string', default: '3' },
    parallelism: { type: 'string', default: '16' },
    'settle-seconds': { type: 'string', default: '600' },
  },
});
const petitions = Number(values.petitions);
const killEveryMs = Number(values['kill-every']) * 1000;

const postgres = new PrivatePostgres(await freePort());
postgres.init();
postgres.start();
const redisDir = mkdtempSync(join(tmpdir(), 'xinfang-chaos-redis-'));
const redis = new PrivateRedis(await freePort(), redisDir);
await redis.start();
// The test environment reads its servers from these when first imported.
process.env.TEST_DATABASE_URL = postgres.url;
process.env.TEST_REDIS_URL = redis.url;
const { createTestEnvironment } = await import('../support/environment.js');

const smsc = await SmscProcess.start();

const env = await createTestEnvironment({ demo: true, redisUrl: redis.url });
const settings = {
  ...env.env,
  LOG_LEVEL: 'warn',
  ...smsc.serviceSettings,
};
const replicas: ServiceProcess[] = [];
for (const name of ['intake', 'routing', 'notify'] as ServiceName[]) {
  for (let i = 0; i < Number(values.replicas); i++) {
    replicas.push(new ServiceProcess(name, await freePort(), settings));
  }
}
for (const replica of replicas) replica.start();
await Promise.all(replicas.map((r) => r.waitUntil()));
const intakes = replicas.filter((r) => r.name === 'intake');

const say = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)] as T;

process.exitCode = 1;
try {
  // The load: each petition from a different person, spread over the intake replicas; only those
  // answered 201 are owed.
  const acknowledged: string[] = [];
  const refused = new Map<string, number>();
  const refuse = (why: string) => refused.set(why, (refused.get(why) ?? 0) + 1);
  // A client that gets no answer or a 5xx sends the same petition again with the same
  // Idempotency-Key, as the public form does: it must not become two cases.
  const submit = async (n: number) => {
    const body = JSON.stringify(samplePetition({ petitioners: [distinctPetitioner(n)] }));
    for (let attempt = 0; attempt < 60; attempt++) {
      const intake = pick(intakes.filter((r) => r.running)) as ServiceProcess | undefined;
      try {
        if (!intake) throw new Error('no intake running');
        const response = await fetch(`${intake.url}/api/v1/public/petitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `chaos-petition-${n}` },
          body,
        });
        const answer = (await response.json()) as {
          caseNo?: string;
          code?: string;
          errors?: { field: string; code: string }[];
        };
        if (response.status === 201 && answer.caseNo) {
          acknowledged.push(answer.caseNo);
          return;
        }
        const fields = answer.errors?.map((e) => `${e.field}:${e.code}`).join(',') ?? '';
        refuse(`${response.status} ${answer.code ?? ''} ${fields}`.trim());
        if (response.status < 500) return;
      } catch {
        refuse('no answer (retried)');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  let next = 0;
  const client = async () => {
    while (next < petitions) await submit(next++);
  };
  const load = Promise.all(Array.from({ length: Number(values.parallelism) }, client));

  // The chaos, until the load is done: a replica killed and restarted every few seconds;
  // Redis restarted at a third and two thirds of the petitions, PostgreSQL at half.
  let loaded = false;
  void load.then(() => (loaded = true));
  const loadDone = () => loaded;
  const events = { kills: 0, redis: 0, postgres: 0 };
  const milestones = [
    { at: 1 / 3, what: 'redis' },
    { at: 1 / 2, what: 'postgres' },
    { at: 2 / 3, what: 'redis' },
  ];
  while (!loadDone()) {
    await new Promise((resolve) => setTimeout(resolve, killEveryMs));
    if (loadDone()) break;
    const victim = pick(replicas);
    await victim.stop('SIGKILL');
    victim.start();
    events.kills++;
    say(`killed and restarted ${victim.name}:${victim.port} (${next}/${petitions} submitted)`);
    const due = milestones[0];
    if (due && next >= due.at * petitions) {
      milestones.shift();
      if (due.what === 'redis') {
        await redis.stop('SIGTERM');
        await redis.start();
        events.redis++;
      } else {
        postgres.restart();
        events.postgres++;
      }
      say(`restarted ${due.what}`);
    }
  }
  await load;
  for (const replica of replicas.filter((r) => !r.running)) replica.start();
  await Promise.all(replicas.map((r) => r.waitUntil()));
  say(
    `load done: ${acknowledged.length} acknowledged; not: ${JSON.stringify(Object.fromEntries(refused))}; ${events.kills} kills, ` +
      `Redis restarted ${events.redis}×, PostgreSQL ${events.postgres}×`,
  );

  // Settled when every acknowledged petition has its decision, and nothing is in flight.
  const one = async (sql: string, params: unknown[] = []) =>
    Number((await env.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
  const checks = async () => {
    const queues = Object.values(QueueName).map(
      (name) =>
        new Queue(name, { connection: { url: redis.url }, prefix: env.config.QUEUE_PREFIX }),
    );
    const failedJobs = (
      await Promise.all(queues.map(async (q) => (await q.getJobCounts('failed')).failed ?? 0))
    ).reduce((a, b) => a + b, 0);
    await Promise.all(queues.map((q) => q.close()));
    const twice = await smsc.partsTakenTwice();
    return {
      'acknowledged twice (one petition, two case numbers)':
        acknowledged.length - new Set(acknowledged).size,
      'every acknowledged petition exists': await one(
        `SELECT count(*) FROM unnest($1::text[]) c WHERE NOT EXISTS
           (SELECT 1 FROM intake.petition p WHERE p.case_no = c)`,
        [acknowledged],
      ),
      'routed exactly once (petitions without one lead)': await one(
        `SELECT count(*) FROM unnest($1::text[]) c WHERE
           (SELECT count(*) FROM routing.assignment a
             WHERE a.case_no = c AND a.role = 'LEAD' AND a.stage = 'HANDLING') <> 1`,
        [acknowledged],
      ),
      'doubled assignments': await one(
        `SELECT count(*) FROM (SELECT 1 FROM routing.assignment
           GROUP BY case_no, unit_code, stage HAVING count(*) > 1) d`,
      ),
      'lead assignments without their deadline': await one(
        `SELECT count(*) FROM routing.assignment a WHERE a.role = 'LEAD' AND NOT EXISTS
           (SELECT 1 FROM notify.deadline d WHERE d.case_no = a.case_no
              AND d.unit_code = a.unit_code AND d.kind = 'ACCEPTANCE')`,
      ),
      'SMS neither sent nor marked UNCONFIRMED': await one(
        `SELECT count(*) FROM notify.notification
          WHERE channel = 'sms' AND status NOT IN ('SENT', 'DELIVERED', 'UNCONFIRMED')`,
      ),
      'SMS parts the SMS centre took twice': twice,
      'jobs in failed': failedJobs,
    };
  };
  const settleBy = Date.now() + Number(values['settle-seconds']) * 1000;
  let result = await checks();
  while (Object.values(result).some((n) => n > 0) && Date.now() < settleBy) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    result = await checks();
  }
  for (const [check, n] of Object.entries(result))
    say(`${n === 0 ? 'ok  ' : 'FAIL'} ${check}: ${n}`);
  // What intake logged as errors (a 500 is logged by type and message, never personal data).
  const errors = intakes
    .flatMap((r) => r.output.split('\n'))
    .filter((line) => /"level":(50|60)|ERROR/.test(line));
  for (const line of errors.slice(0, 5)) say(`intake: ${line.slice(0, 400)}`);
  say(
    `SMS at the SMS centre: ${await smsc.parts()} parts; ` +
      `UNCONFIRMED for an operator: ${await one(
        `SELECT count(*) FROM notify.notification WHERE status = 'UNCONFIRMED'`,
      )}`,
  );
  process.exitCode = Object.values(result).every((n) => n === 0) ? 0 : 1;
} finally {
  await Promise.all(replicas.map((r) => r.stop()));
  smsc.stop();
  await env.dispose().catch(() => undefined);
  await redis.stop();
  postgres.remove();
  rmSync(redisDir, { recursive: true, force: true });
}
process.exit();
