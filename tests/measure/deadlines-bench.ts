/**
 * The deadline sweep with many open deadlines, on a fresh database: how long a pass takes, how
 * many alerts per second it writes, the latency of each batch, and the plans of its claim queries.
 *
 *   npm run bench:deadlines [-- --deadlines 1000000 --due-percent 5 --replicas 1]
 *
 * Deadlines end on days spread over 90 days, each with its next alert as the case clock sets it
 * (REMINDER_OFFSETS on the legal calendar), so that about `--due-percent` of them are owed an
 * alert when the first pass runs (overdue or in their reminder days: a start after downtime).
 * Then: an idle pass (what every replica pays each interval), the pass at the next China
 * midnight (one day of deadlines escalated), the first minute of the next morning's reminder
 * hour (08:00-09:00, each deadline at its own minute), and that whole hour at once.
 * Appends the figures to docs/benchmarks.md (then `npx prettier --write docs/benchmarks.md`
 * aligns the tables).
 */
import { appendFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { addCalendarDays, chinaDateOf, endOfChinaDay } from '#common';
import { firstAlertAt } from '../../apps/notify/src/deadlines/deadline-alerts.js';
import {
  claimQuery,
  SWEEP_BATCH_SIZE,
} from '../../apps/notify/src/deadlines/deadline.repository.js';
import { DeadlineSweepTask } from '../../apps/notify/src/deadlines/deadline-sweep.task.js';
import { ReminderScheduleService } from '../../apps/notify/src/deadlines/reminder-schedule.service.js';
import { createTestEnvironment } from '../support/environment.js';

const { values } = parseArgs({
  options: {
    deadlines: { type: 'string', default: '1000000' },
    'due-percent': { type: 'string', default: '5' },
    replicas: { type: 'string', default: '1' },
    output: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const total = Number(values.deadlines);
const duePercent = Number(values['due-percent']);
const replicaCount = Number(values.replicas);
const SPREAD_DAYS = 90;

const env = await createTestEnvironment();
Object.assign(process.env, env.env, {
  DEADLINE_SWEEP: 'off',
  OUTBOX_RELAY: 'off',
  LOG_LEVEL: 'warn',
});
const { NotifyModule } = await import('../../apps/notify/src/notify.module.js');
const replicas: INestApplicationContext[] = [];
const lines: string[] = [];
/** A line for the report (and the terminal); print() is for the terminal only. */
const print = (line = '') => process.stdout.write(`${line}\n`);
const say = (line = '') => {
  lines.push(line);
  print(line);
};
const seconds = (ms: number) => (ms / 1000).toFixed(2);

interface Batch {
  ms: number;
  rows: number;
  doneAt: number;
}

/** One pass as DeadlineSweepTask.pass runs it, timing each batch. */
async function timedPass(sweep: DeadlineSweepTask, now: Date, startedAt: number) {
  const batches: Batch[] = [];
  let claimed = SWEEP_BATCH_SIZE;
  while (claimed === SWEEP_BATCH_SIZE) {
    const start = performance.now();
    const batch = await sweep.batch(now);
    claimed = batch.claimed;
    const alerts = Object.values(batch.counts).reduce((sum, n) => sum + n, 0);
    const doneAt = performance.now();
    batches.push({ ms: doneAt - start, rows: alerts, doneAt: doneAt - startedAt });
  }
  return batches;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs a pass on every replica at once and reports it as one table row. */
async function measurePass(label: string, now: Date) {
  const startedAt = performance.now();
  const perReplica = await Promise.all(
    replicas.map((replica) => timedPass(replica.get(DeadlineSweepTask), now, startedAt)),
  );
  const elapsed = performance.now() - startedAt;
  const batches = perReplica.flat();
  const rows = batches.reduce((sum, b) => sum + b.rows, 0);
  const working = batches.filter((b) => b.rows > 0).map((b) => b.ms);
  working.sort((a, b) => a - b);
  // An alert is sent when its batch commits: its lateness after the pass began.
  const lateness = batches.flatMap((b) => Array<number>(b.rows).fill(b.doneAt));
  lateness.sort((a, b) => a - b);
  const empty = batches.filter((b) => b.rows === 0).map((b) => b.ms.toFixed(1));
  say(
    `| ${label} | ${rows} | ${seconds(elapsed)} | ${rows > 0 ? (rows / (elapsed / 1000)).toFixed(0) : '–'} | ` +
      `${working.length} | ${working.length ? `${percentile(working, 50).toFixed(0)} / ${percentile(working, 95).toFixed(0)} / ${(working.at(-1) ?? 0).toFixed(0)}` : '–'} | ` +
      `${lateness.length ? `${seconds(percentile(lateness, 50))} / ${seconds(lateness.at(-1) ?? 0)}` : '–'} | ${empty.join(', ')} |`,
  );
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the claim query at an instant (the locks are rolled back): the
 * whole plan in the report, or, when `brief`, the node, index, time and buffers.
 */
async function explainClaim(now: Date, brief = false) {
  const client = await env.db.connect();
  try {
    const { sql, params } = claimQuery(now);
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      params,
    );
    await client.query('ROLLBACK');
    const plan = rows.map((row) => row['QUERY PLAN']);
    const out = brief ? print : say;
    out('```');
    for (const line of plan) out(line);
    out('```');
    if (brief) {
      const scan = plan.find((line) => /Index Scan/.test(line))?.trim() ?? '?';
      const buffers = /shared hit=(\d+)/.exec(plan.join(' '))?.[1] ?? '?';
      const time = plan.find((line) => line.startsWith('Execution Time'));
      say(`- ${scan.replace(/\s+\(cost.*$/, '')}, ${buffers} buffers, ${time ?? ''}`);
    }
  } finally {
    client.release();
  }
}

try {
  const now = new Date();
  for (let i = 0; i < replicaCount; i++) {
    replicas.push(await NestFactory.createApplicationContext(NotifyModule, { logger: false }));
  }
  const [first] = replicas;
  if (!first) throw new Error('no replica');
  // Each day's deadlines end at its last instant, with their first alert as the clock sets it.
  const remindersOf = await first
    .get(ReminderScheduleService)
    .forCalendar(first.get(DataSource).manager);
  const firstDay = addCalendarDays(
    chinaDateOf(now),
    -Math.round((duePercent / 100) * SPREAD_DAYS) + 4,
  );
  const dueAts = Array.from({ length: SPREAD_DAYS }, (_, i) =>
    endOfChinaDay(addCalendarDays(firstDay, i)),
  );
  // The first alert of each day's deadlines, at the start of the reminder hour; in SQL each
  // deadline then moves to its own minute of it, as reminderTimeOfDay does from the id.
  const hourStart = '00000000-0000-4000-8000-000000000000';
  const firstAlerts = dueAts.map((dueAt) => {
    const at = firstAlertAt(dueAt, remindersOf({ id: hourStart, dueAt }), now);
    return { at, reminder: at.getTime() <= dueAt.getTime() };
  });
  const insertStart = performance.now();
  await env.db.query(
    `INSERT INTO notify.deadline
       (id, petition_id, case_no, unit_code, kind, source_id, starts_at, due_at, status,
        next_alert_at)
     SELECT id, gen_random_uuid(),
            'XF-510903-20261122-' || lpad((i % 1000000)::text, 6, '0'),
            (ARRAY['510903-ZJJ', '510903-GOV', '510903-XFJ', '510904-ZJJ'])[1 + i % 4],
            (ARRAY['ACCEPTANCE', 'CONCLUSION', 'FORWARD'])[1 + i % 3],
            gen_random_uuid(), $1::timestamptz - interval '15 days', ($3::timestamptz[])[day],
            'OPEN',
            ($4::timestamptz[])[day] + CASE WHEN ($5::boolean[])[day]
              THEN (('x' || left(id::text, 8))::bit(32)::bigint % 3600000) * interval '1 millisecond'
              ELSE interval '0' END
     FROM (SELECT gen_random_uuid() AS id, i, 1 + i % $6 AS day
           FROM generate_series(1, $2) AS i) AS g`,
    [
      dueAts[0],
      total,
      dueAts,
      firstAlerts.map((a) => a.at),
      firstAlerts.map((a) => a.reminder),
      SPREAD_DAYS,
    ],
  );
  const insertMs = performance.now() - insertStart;
  await env.db.query('VACUUM ANALYZE notify.deadline');
  const { rows: owed } = await env.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notify.deadline WHERE next_alert_at <= $1`,
    [now],
  );

  const pgVersion = (await env.db.query<{ server_version: string }>('SHOW server_version')).rows[0]
    ?.server_version;

  say('');
  say(
    `## Notify: the deadline sweep with ${total.toLocaleString('en')} open deadlines (${now.toISOString().slice(0, 10)})`,
  );
  say('');
  say(
    `Command: \`npm run bench:deadlines -- --deadlines ${total} --due-percent ${duePercent} --replicas ${replicaCount}\``,
  );
  say(
    `Machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'} (nproc ${availableParallelism()}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion ?? '?'}; ` +
      `${replicaCount} notify replica(s) in the bench process, batch ${SWEEP_BATCH_SIZE}; ` +
      `load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the start (other work on the machine).`,
  );
  say('');
  say(
    `${total.toLocaleString('en')} open deadlines inserted in ${seconds(insertMs)} s (one INSERT … SELECT generate_series), ` +
      `last days spread over ${SPREAD_DAYS} days; ${owed[0]?.n ?? 0} owed an alert at the first pass.`,
  );
  say('');
  say('Plan of the claim query before the first pass:');
  say('');
  await explainClaim(now);
  say('');
  say(
    '| pass | alerts | seconds | alerts/s | batches | batch ms p50 / p95 / max | sent after (s) p50 / max | empty claims (ms) |',
  );
  say('| --- | --- | --- | --- | --- | --- | --- | --- |');
  await measurePass(`first start (${duePercent} % owed)`, now);
  await measurePass('idle, right after', new Date());
  const midnight = endOfChinaDay(chinaDateOf(now)).getTime() + 1;
  const HOUR = 3_600_000;
  await measurePass('next China midnight: the day’s escalations', new Date(midnight));
  await measurePass(
    '08:01: the first minute of the reminder hour',
    new Date(midnight + 8 * HOUR + 60_000),
  );
  await measurePass(
    '09:00: the rest of the hour at once (an hour down)',
    new Date(midnight + 9 * HOUR),
  );
  await measurePass('idle, a minute later', new Date(midnight + 9 * HOUR + 60_000));
  say('');
  say(
    'The claim query with nothing owed (every interval, on every replica), right after the passes:',
  );
  say('');
  await explainClaim(new Date(midnight + 9 * HOUR + 120_000), true);
  // Moved rows leave dead entries in the index until (auto)vacuum removes them.
  await env.db.query('VACUUM notify.deadline');
  say('');
  say('and after a VACUUM, as autovacuum leaves them:');
  say('');
  await explainClaim(new Date(midnight + 9 * HOUR + 120_000), true);

  const { rows: sizes } = await env.db.query<{ name: string; size: string }>(
    `SELECT c.relname AS name, pg_size_pretty(pg_relation_size(c.oid)) AS size
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'notify' AND (c.relname = 'deadline'
       OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'notify.deadline'::regclass))
     ORDER BY pg_relation_size(c.oid) DESC`,
  );
  say('');
  say(`PostgreSQL sizes: ${sizes.map((s) => `${s.name} ${s.size}`).join(', ')}.`);
  say(
    'Redis holds no deadline: only the alerts actually sent become jobs (a `notification.dispatch` ' +
      'each, and a `deadline.overdue` per missed deadline), relayed from the outbox.',
  );
  say('');
  appendFileSync(values.output, `${lines.join('\n')}\n`);
} finally {
  for (const replica of replicas) await replica.close();
  await env.dispose();
}
