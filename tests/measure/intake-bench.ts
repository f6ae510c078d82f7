/**
 * Sustained public submissions against intake while routing and notify run beside it, on a fresh
 * database: petitions per second and latency percentiles of POST /api/v1/public/petitions.
 *
 *   npm run bench:intake [-- --seconds 30 --connections 50]
 *
 * Each request carries a different petitioner, so every petition is a new case that is routed,
 * gets a deadline and a notification, as in production. Appends the figures to docs/benchmarks.md.
 */
import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createTestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { distinctPetitioner, samplePetition } from '../support/http.js';
import { startSystem, stopSystem } from '../support/processes.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    output: { type: 'string', default: 'docs/benchmarks.md' },
    // "one": every petition in 船山区 (one case-number counter, the worst case); "five": spread over
    // the five counties of 遂宁市, as a prefecture's traffic is.
    territories: { type: 'string', default: 'one' },
  },
});
const COUNTIES =
  values.territories === 'five'
    ? ['510903012', '510904', '510921', '510923', '510981001']
    : ['510903012'];
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const env = await createTestEnvironment({ demo: true });
const system = await startSystem({ ...env.env, LOG_LEVEL: 'warn' });
try {
  let n = 0;
  const result = await autocannon({
    url: `${system.intake.url}/api/v1/public/petitions`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify(
            samplePetition({
              divisionCode: COUNTIES[n % COUNTIES.length],
              petitioners: [distinctPetitioner(n++)],
            }),
          ),
        }),
      },
    ],
  });
  const accepted = result['2xx'];
  const routedAt = Date.now();
  const routed = await eventually(
    async () => {
      // Routed: routing keeps a case file for each petition it decided on.
      const { rows } = await env.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM routing.case_file`,
      );
      return (rows[0]?.n ?? 0) >= accepted && (rows[0]?.n ?? 0);
    },
    'every accepted petition to be routed',
    600_000,
  );
  const drainSeconds = (Date.now() - routedAt) / 1000;

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const report = [
    '',
    `## Intake: public submissions (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Command: \`npm run bench:intake -- --seconds ${seconds} --connections ${connections} --territories ${values.territories}\``,
    `Machine: ${machine}; PostgreSQL and Redis local; intake, routing and notify one process each.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| requests sent | ${result.requests.total} |`,
    `| accepted (201) | ${accepted} |`,
    `| other responses / errors | ${result.non2xx} / ${result.errors} |`,
    `| responses by status | ${Object.entries(result.statusCodeStats ?? {})
      .map(([code, stats]) => `${code}: ${String(stats.count ?? 0)}`)
      .join(', ')} |`,
    `| accepted per second (mean) | ${(accepted / seconds).toFixed(0)} |`,
    `| latency p50 / p90 / p99 / max (ms) | ${result.latency.p50} / ${result.latency.p90} / ${result.latency.p99} / ${result.latency.max} |`,
    `| accepted petitions routed | all (${routed} routed for ${accepted} acknowledged; requests in flight at the end also count), ${drainSeconds.toFixed(1)} s after the load stopped |`,
    '',
  ].join('\n');
  appendFileSync(values.output, report);
  process.stdout.write(report);
} finally {
  await stopSystem(system);
  await env.dispose();
}
