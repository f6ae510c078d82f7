/**
 * The whole way of a petition under a fixed arrival rate (an open model: petitions arrive on
 * schedule whether or not earlier ones were answered): from the public POST to the case routed,
 * its deadline open and its receipt SMS accepted by a local SMPP SMS centre.
 *
 *   npm run bench:pipeline [-- --rate 50 --seconds 20 --hotspot 0.3 --pgbench-seconds 10]
 *
 * `--hotspot` is the share of petitions about one housing estate (each from a different person,
 * so a growing hotspot every registration is compared with); the rest are plain matters of
 * several kinds and counties. Prints sustained throughput, p50/p99 of the POST and of the
 * end-to-end time, CPU per service, and the ratio to what PostgreSQL alone does with the same
 * write transactions (pgbench, measured in the same run). Appends the figures to
 * docs/benchmarks.md (then `npx prettier --write docs/benchmarks.md`).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestEnvironment } from '../support/environment.js';
import { distinctPetitioner, samplePetition } from '../support/http.js';
import { startSystem, stopSystem, type ServiceName } from '../support/processes.js';
import { SmscProcess } from './smsc-client.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    hotspot: { type: 'string', default: '0.3' },
    'pgbench-seconds': { type: 'string', default: '10' },
    'settle-seconds': { type: 'string', default: '300' },
    // SMS parts per second the providers allow (SMS_RATE_PER_SECOND); the deployment's default
    // unless given: a receipt is two parts and the 告知去向 one, so it bounds petitions per second.
    'sms-rate': { type: 'string' },
    output: { type: 'string', default: 'docs/benchmarks.md' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const hotspotShare = Number(values.hotspot);

/** Plain matters that route without a person, in several counties. */
const PLAIN_MATTERS = [
  {
    title: '滨江路路灯损坏',
    content: '慈音街道滨江路一段的路灯坏了半个月，晚上一片漆黑，群众出行不便，请求尽快维修。',
    divisionCode: '510903012',
    address: '遂宁市船山区慈音街道滨江路',
  },
  {
    title: '工地拖欠农民工工资',
    content:
      '我在安居区一处建筑工地干了八个月，包工头拖欠工资三万二千元一直不给，请求劳动监察部门督促支付。',
    divisionCode: '510904',
    address: '遂宁市安居区',
  },
  {
    title: '养殖场污水直排河沟',
    content: '蓬溪县赤城镇一家养猪场把粪水直接排进河沟，气味很大，河水发黑，请求环保部门查处。',
    divisionCode: '510921',
    address: '遂宁市蓬溪县赤城镇',
  },
  {
    title: '孩子入学学位申请',
    content:
      '我们在大英县买房落户，孩子今年该上小学，学校说学位已满不接收，请求教育局协调就近入学。',
    divisionCode: '510923',
    address: '遂宁市大英县',
  },
];

const loadBefore = loadavg()[0] ?? NaN;
const smsc = await SmscProcess.start();

const env = await createTestEnvironment({ demo: true });
const system = await startSystem({
  ...env.env,
  LOG_LEVEL: 'warn',
  ...smsc.serviceSettings,
  ...(values['sms-rate'] ? { SMS_RATE_PER_SECOND: values['sms-rate'] } : {}),
});

const now = () => performance.timeOrigin + performance.now();
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);

/** User + system CPU seconds of a process (Linux /proc, 100 ticks per second). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Write transactions (xids) and rows written so far in the benchmark's database. */
async function writeCounters() {
  const { rows } = await env.db.query<{ xid: string; rows: string }>(
    `SELECT txid_current()::text AS xid,
            (tup_inserted + tup_updated + tup_deleted)::text AS rows
       FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { xid: Number(rows[0]?.xid), rows: Number(rows[0]?.rows) };
}

interface Sent {
  caseNo: string;
  scheduledAt: number;
  answeredAt: number;
}

const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

try {
  const services = Object.keys(system) as ServiceName[];
  const cpuBefore = Object.fromEntries(services.map((s) => [s, cpuSeconds(system[s].pid)]));
  const countersBefore = await writeCounters();

  const sent: Sent[] = [];
  const refused: number[] = [];
  let unanswered = 0;
  const total = Math.round(rate * seconds);
  const start = now() + 200;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduledAt = start + (i * 1000) / rate;
    const wait = scheduledAt - now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const hot = (i * hotspotShare) % 1 > ((i + 1) * hotspotShare) % 1 || hotspotShare >= 1;
    const body = samplePetition({
      ...(hot ? {} : PLAIN_MATTERS[i % PLAIN_MATTERS.length]),
      petitioners: [distinctPetitioner(i)],
    });
    inFlight.push(
      fetch(`${system.intake.url}/api/v1/public/petitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
        .then(async (response) => {
          const answer = (await response.json()) as { caseNo?: string };
          // Measured from when it was due, not when it could be sent: no coordinated omission.
          if (response.status === 201 && answer.caseNo) {
            sent.push({ caseNo: answer.caseNo, scheduledAt, answeredAt: now() });
          } else refused.push(response.status);
        })
        .catch(() => {
          unanswered++;
        }),
    );
  }
  await Promise.all(inFlight);
  const loadSeconds = (now() - start) / 1000;

  // Settle: every acknowledged petition routed, its deadline open, its receipt at the SMSC.
  const caseNos = sent.map((s) => s.caseNo);
  const settleBy = now() + Number(values['settle-seconds']) * 1000;
  let done = new Map<string, number>();
  let smsAt: Record<string, number> = {};
  for (;;) {
    const { rows } = await env.db.query<{
      case_no: string;
      routed: Date | null;
      opened: Date | null;
    }>(
      `SELECT p.case_no,
              (SELECT min(a.assigned_at) FROM routing.assignment a
                WHERE a.case_no = p.case_no AND a.role = 'LEAD') AS routed,
              (SELECT min(t.occurred_at) FROM notify.timeline_entry t
                WHERE t.petition_id = p.id AND t.type = 'deadline.opened') AS opened
         FROM intake.petition p WHERE p.case_no = ANY($1)`,
      [caseNos],
    );
    smsAt = await smsc.firstPartByCase();
    done = new Map(
      rows.flatMap((r) => {
        const sms = smsAt[r.case_no];
        return r.routed && r.opened && sms
          ? [[r.case_no, Math.max(r.routed.getTime(), r.opened.getTime(), sms)] as const]
          : [];
      }),
    );
    if (done.size === caseNos.length || now() > settleBy) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const wall = (now() - start) / 1000;
  const cpu = Object.fromEntries(
    services.map((s) => [s, (cpuSeconds(system[s].pid) - (cpuBefore[s] ?? 0)) / wall]),
  );
  const countersAfter = await writeCounters();
  const writeTxPerPetition = (countersAfter.xid - countersBefore.xid) / Math.max(1, sent.length);
  const rowsPerPetition = (countersAfter.rows - countersBefore.rows) / Math.max(1, sent.length);

  const post = sent.map((s) => s.answeredAt - s.scheduledAt).sort((a, b) => a - b);
  const endToEnd = sent
    .filter((s) => done.has(s.caseNo))
    .map((s) => (done.get(s.caseNo) ?? 0) - s.answeredAt)
    .sort((a, b) => a - b);
  const lastDone = Math.max(...done.values());
  const sustained = done.size / ((lastDone - start) / 1000);

  // The ceiling: PostgreSQL alone, with transactions of the same size as a petition's.
  const rowsPerTx = Math.max(1, Math.round(rowsPerPetition / Math.max(1, writeTxPerPetition)));
  const script = join(tmpdir(), `xinfang-pgbench-${process.pid}.sql`);
  await env.db.query(`CREATE TABLE public.pgbench_petition_row (
    id bigserial PRIMARY KEY, petition_id uuid NOT NULL, kind text NOT NULL, data jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`);
  await env.db.query(`CREATE INDEX ON public.pgbench_petition_row (petition_id)`);
  writeFileSync(
    script,
    [
      'BEGIN;',
      ...Array.from(
        { length: rowsPerTx },
        () =>
          `INSERT INTO public.pgbench_petition_row (petition_id, kind, data) VALUES (gen_random_uuid(), 'petition.received', '{"caseNo":"XF-510903-20261207-000001","title":"锦绣华庭逾期一年多不交房","territory":"510903"}');`,
      ),
      'COMMIT;',
    ].join('\n'),
  );
  const pgbench = execFileSync(
    'pgbench',
    [
      '-n',
      '-c',
      '8',
      '-j',
      '2',
      '-T',
      values['pgbench-seconds'],
      '-f',
      script,
      env.config.DATABASE_URL,
    ],
    { encoding: 'utf8' },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(pgbench)?.[1]);
  const ceiling = tps / writeTxPerPetition;

  const ms = (x: number) => `${Math.round(x)} ms`;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  say('');
  say(
    `## Pipeline: a petition's whole way at a fixed arrival rate (${new Date().toISOString().slice(0, 10)})`,
  );
  say('');
  say(
    `Command: \`npm run bench:pipeline -- --rate ${rate} --seconds ${seconds} --hotspot ${hotspotShare} --pgbench-seconds ${values['pgbench-seconds']}${values['sms-rate'] ? ` --sms-rate ${values['sms-rate']}` : ''}\``,
  );
  say(`Machine: ${machine}; load average before the run ${loadBefore.toFixed(2)}.`);
  say('');
  say('| measure | value |');
  say('| --- | --- |');
  say(
    `| offered | ${rate}/s for ${seconds} s (${total} petitions, ${Math.round(hotspotShare * 100)}% about one estate) |`,
  );
  say(
    `| acknowledged (201) | ${sent.length}; other answers ${refused.length}; unanswered ${unanswered} |`,
  );
  say(`| all steps done within the settle time | ${done.size} of ${sent.length} |`);
  say(
    `| sustained (done ÷ time from first arrival to last done) | ${sustained.toFixed(1)} petitions/s |`,
  );
  say(
    `| POST p50 / p99 (from the scheduled time) | ${ms(percentile(post, 0.5))} / ${ms(percentile(post, 0.99))} |`,
  );
  say(
    `| 201 → routed, deadline open and receipt SMS at the SMSC, p50 / p99 | ${ms(percentile(endToEnd, 0.5))} / ${ms(percentile(endToEnd, 0.99))} |`,
  );
  say(
    `| CPU (cores) intake / routing / notify | ${services.map((s) => (cpu[s] ?? NaN).toFixed(2)).join(' / ')} |`,
  );
  say(
    `| load and drain time | ${loadSeconds.toFixed(1)} s + ${(wall - loadSeconds).toFixed(1)} s |`,
  );
  say(
    `| a petition's writes | ${writeTxPerPetition.toFixed(1)} write transactions, ${rowsPerPetition.toFixed(1)} rows |`,
  );
  say(
    `| pgbench, same transactions (${rowsPerTx} row(s) each, 8 clients) | ${tps.toFixed(0)} tps = ceiling ${ceiling.toFixed(0)} petitions/s |`,
  );
  say(`| sustained ÷ ceiling | ${((sustained / ceiling) * 100).toFixed(1)}% |`);
  appendFileSync(values.output, `${lines.join('\n')}\n`);
} finally {
  await stopSystem(system);
  smsc.stop();
  await env.dispose();
}
