/**
 * Replays a fixture file of the shared format (one labelled petition per line) through staff
 * registration on a fresh system with the demo directory, without nature or category, waits until
 * routing has decided each one, and prints how it classified and routed them against the labels.
 *
 *   npm run eval:routing -- ../shared/fixtures/petitions-sample.jsonl
 *
 * Petitioners are registered by name only, so that no petition is linked to an earlier one as a
 * repeat (and left unrouted): repeats are measured by eval:intake. ONLINE petitions are registered
 * as letters; transferred ones with a transfer record.
 */
import { countyOf } from '../../apps/routing/src/assignments/routing-policy.js';
import { readJsonLines } from '../support/fixtures.js';
import { createTestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { login, request } from '../support/http.js';
import { startSystem, stopSystem } from '../support/processes.js';

interface FixturePetition {
  id: string;
  channel: 'ONLINE' | 'LETTER' | 'VISIT' | 'PHONE' | 'TRANSFERRED';
  title: string;
  content: string;
  divisionCode: string;
  address: string;
  personCount: number;
  petitioner: { name: string };
  expected: {
    nature: string;
    category: string;
    routeDivisionCode: string;
    triage: boolean;
  };
}

interface Outcome {
  case_no: string;
  awaiting_triage: boolean;
  triage_reason: string | null;
  nature: string | null;
  category: string | null;
  confidence: string | null;
  unit_code: string | null;
  unit_kind: string | null;
  unit_division_code: string | null;
  unit_categories: string[] | null;
  rule: string | null;
}

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: npm run eval:routing -- <petitions.jsonl>\n');
  process.exit(64);
}
const fixtures = readJsonLines<FixturePetition>(path);

const env = await createTestEnvironment({ demo: true });
const system = await startSystem({ ...env.env, LOG_LEVEL: 'warn' });
try {
  const registrar = await login(system.routing.url, 'suining.registrar');
  const caseOf = new Map<string, string>();
  const rejected: string[] = [];
  for (const f of fixtures) {
    const response = await request<{ caseNo: string }>(
      'POST',
      `${system.intake.url}/api/v1/petitions`,
      {
        token: registrar,
        body: {
          title: f.title,
          content: f.content,
          divisionCode: f.divisionCode,
          address: f.address,
          personCount: f.personCount,
          petitioners: [{ name: f.petitioner.name.slice(0, 50) || '信访人' }],
          channel: f.channel === 'ONLINE' ? 'LETTER' : f.channel,
          ...(f.channel === 'TRANSFERRED' && {
            transfer: { sourceBody: '上级信访部门', referenceNo: `EVAL-${f.id}` },
          }),
        },
      },
    );
    if (response.status === 201) caseOf.set(f.id, response.body.caseNo);
    else
      rejected.push(`${f.id}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
  }

  const caseNos = [...caseOf.values()];
  await eventually(async () => {
    const { rows } = await env.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM routing.case_file WHERE case_no = ANY ($1)',
      [caseNos],
    );
    return rows[0]?.n === caseNos.length;
  }, 'routing to decide every petition');
  const { rows } = await env.db.query<Outcome>(
    `SELECT f.case_no, f.awaiting_triage, f.triage_reason, c.nature, c.category, c.confidence,
            a.unit_code, u.kind AS unit_kind, u.division_code AS unit_division_code,
            u.categories AS unit_categories, a.rule
     FROM routing.case_file f
     LEFT JOIN routing.classification c ON c.petition_id = f.petition_id
     LEFT JOIN routing.assignment a ON a.petition_id = f.petition_id AND a.role = 'LEAD'
     LEFT JOIN routing.unit u ON u.code = a.unit_code
     WHERE f.case_no = ANY ($1)`,
    [caseNos],
  );
  const outcomeOf = new Map(rows.map((row) => [row.case_no, row]));

  const registered = fixtures.filter((f) => caseOf.has(f.id));
  const results = registered.map((f) => ({ f, o: outcomeOf.get(caseOf.get(f.id) ?? '') }));
  const n = results.length;
  const natureRight = results.filter(({ f, o }) => o?.nature === f.expected.nature).length;
  const categoryRight = results.filter(({ f, o }) => o?.category === f.expected.category).length;
  const routed = results.filter(({ o }) => o?.unit_code && !o.awaiting_triage);
  /** The unit is of the expected county (or prefecture) and leads the expected category. */
  const rightUnit = ({ f, o }: (typeof results)[number]) =>
    o?.unit_division_code !== null &&
    o?.unit_division_code !== undefined &&
    countyOf(o.unit_division_code) === f.expected.routeDivisionCode &&
    (o.unit_categories ?? []).includes(f.expected.category);
  const routedRight = routed.filter(rightUnit);
  const expectedTriage = results.filter(({ f }) => f.expected.triage);
  const triaged = results.filter(({ o }) => o?.awaiting_triage);
  const expectedTriaged = expectedTriage.filter(({ o }) => o?.awaiting_triage);

  const ratio = (part: number, whole: number) => (whole === 0 ? 'n/a' : (part / whole).toFixed(3));
  const count = <T>(items: T[], key: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  };
  const wrongRouted = routed.length - routedRight.length;
  const lines = [
    `file: ${path} (${fixtures.length} petitions)`,
    `registered: ${n}, rejected: ${rejected.length}`,
    ...rejected.map((r) => `  rejected ${r}`),
    `nature accuracy:   ${ratio(natureRight, n)} (${natureRight}/${n})`,
    `category accuracy: ${ratio(categoryRight, n)} (${categoryRight}/${n})   target >= 0.900`,
    `auto-route rate:   ${ratio(routed.length, n)} (${routed.length}/${n})   target >= 0.850`,
    `correct lead unit among auto-routed: ${ratio(routedRight.length, routed.length)} ` +
      `(${routedRight.length}/${routed.length}); wrong: ${ratio(wrongRouted, routed.length)} ` +
      `(${wrongRouted})   target <= 0.020`,
    `expected.triage items sent to triage: ${expectedTriaged.length}/${expectedTriage.length}` +
      ` (triage in all: ${triaged.length})`,
    `rules that chose the lead: ${count(routed, ({ o }) => o?.rule ?? '-')}`,
    `triage reasons: ${count(triaged, ({ o }) => o?.triage_reason ?? '-')}`,
    'auto-routed to a wrong unit:',
    ...routed
      .filter((r) => !rightUnit(r))
      .map(
        ({ f, o }) =>
          `  ${f.id} expected ${f.expected.routeDivisionCode}/${f.expected.category}, got ${o?.unit_code ?? '-'} by ${o?.rule ?? '-'} (${f.title})`,
      ),
    'sent to triage though not labelled so:',
    ...triaged
      .filter(({ f }) => !f.expected.triage)
      .map(
        ({ f, o }) =>
          `  ${f.id} ${o?.triage_reason ?? '-'} ${f.expected.routeDivisionCode}/${f.expected.category}` +
          ` classified ${o?.category ?? '-'}@${o?.confidence ?? '-'} (${f.title})`,
      ),
    'category mistakes:',
    ...results
      .filter(({ f, o }) => o?.category !== f.expected.category)
      .map(
        ({ f, o }) =>
          `  ${f.id} ${f.expected.category} -> ${o?.category ?? '(given)'}@${o?.confidence ?? '-'} (${f.title})`,
      ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await stopSystem(system);
  await env.dispose();
}
