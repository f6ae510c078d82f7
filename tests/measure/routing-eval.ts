/**
 * Replays a labelled file (the shared fixture format) through staff registration on a fresh
 * system with the demo directory, without nature or category, waits until routing has decided
 * each new case, and prints the routing figures (routing-figures.ts) and how many repeats intake
 * linked. The end-to-end counterpart of eval:classifier.
 *
 *   npm run eval:routing -- ../shared/fixtures/petitions-sample.jsonl
 *
 * ONLINE petitions are registered as letters, transferred ones with a transfer record. Petitioners
 * are registered as written, so a repeat joins its original and is not routed again: routing is
 * measured on the petitions that became cases of their own.
 */
import { readFileSync } from 'node:fs';
import { readLabelledFile } from '../../apps/routing/src/classification/labelled-file.js';
import { createTestEnvironment } from '../support/environment.js';
import { eventually } from '../support/eventually.js';
import { login, request } from '../support/http.js';
import { startSystem, stopSystem } from '../support/processes.js';
import { routingFigures, type RoutingResult } from './routing-figures.js';

interface Registration {
  id: string;
  channel: 'ONLINE' | 'LETTER' | 'VISIT' | 'PHONE' | 'TRANSFERRED';
  address: string;
  personCount: number;
  petitioner: { name: string; idNumber: string; phone: string };
  expected: { repeatOf: string | null };
}

interface Outcome {
  case_no: string;
  awaiting_triage: boolean;
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
const fixtures = readLabelledFile(path);
const registrations = new Map(
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Registration)
    .map((r) => [r.id, r]),
);

const env = await createTestEnvironment({ demo: true });
const system = await startSystem({ ...env.env, LOG_LEVEL: 'warn' });
try {
  const registrar = await login(system.routing.url, 'suining.registrar');
  const receipts = new Map<string, { caseNo: string; repeatOf?: string }>();
  const rejected: string[] = [];
  for (const f of fixtures) {
    const r = registrations.get(f.id);
    if (!r) continue;
    const response = await request<{ caseNo: string; repeatOf?: string }>(
      'POST',
      `${system.intake.url}/api/v1/petitions`,
      {
        token: registrar,
        body: {
          title: f.title,
          content: f.content,
          divisionCode: f.divisionCode,
          address: r.address,
          personCount: r.personCount,
          // An anonymous petitioner (匿名) is registered without the empty numbers.
          petitioners: [
            Object.fromEntries(Object.entries(r.petitioner).filter(([, value]) => value !== '')),
          ],
          channel: r.channel === 'ONLINE' ? 'LETTER' : r.channel,
          ...(r.channel === 'TRANSFERRED' && {
            transfer: { sourceBody: '上级信访部门', referenceNo: `EVAL-${f.id}` },
          }),
        },
      },
    );
    if (response.status === 201) receipts.set(f.id, response.body);
    else
      rejected.push(`${f.id}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
  }

  const { rows: links } = await env.db.query<{ case_no: string; original: string | null }>(
    `SELECT p.case_no, o.case_no AS original FROM intake.petition p
     LEFT JOIN intake.petition o ON o.id = p.repeat_of
     WHERE p.case_no = ANY ($1)`,
    [[...receipts.values()].map((r) => r.caseNo)],
  );
  const originalOf = new Map(links.map((l) => [l.case_no, l.original]));
  const caseOf = (id: string | null) => (id ? receipts.get(id)?.caseNo : undefined);
  const own = fixtures.filter((f) => {
    const caseNo = caseOf(f.id);
    return caseNo !== undefined && !originalOf.get(caseNo);
  });
  await eventually(async () => {
    const { rows } = await env.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM routing.case_file WHERE case_no = ANY ($1)',
      [own.map((f) => caseOf(f.id))],
    );
    return rows[0]?.n === own.length;
  }, 'routing to decide every new case');
  const { rows } = await env.db.query<Outcome>(
    `SELECT f.case_no, f.awaiting_triage, c.nature, c.category, c.confidence,
            a.unit_code, u.kind AS unit_kind, u.division_code AS unit_division_code,
            u.categories AS unit_categories, a.rule
     FROM routing.case_file f
     LEFT JOIN routing.classification c ON c.petition_id = f.petition_id
     LEFT JOIN routing.assignment a ON a.petition_id = f.petition_id AND a.role = 'LEAD'
     LEFT JOIN routing.unit u ON u.code = a.unit_code
     WHERE f.case_no = ANY ($1)`,
    [own.map((f) => caseOf(f.id))],
  );
  const outcomeOf = new Map(rows.map((row) => [row.case_no, row]));
  const results: RoutingResult[] = own.map((fixture) => {
    const o = outcomeOf.get(caseOf(fixture.id) ?? '');
    const routed = o?.unit_code && !o.awaiting_triage;
    return {
      fixture,
      nature: o?.nature ?? null,
      category: o?.category ?? null,
      confidence: o?.confidence ? Number(o.confidence) : null,
      lead:
        routed && o.unit_kind && o.unit_division_code
          ? {
              code: o.unit_code ?? '',
              kind: o.unit_kind,
              divisionCode: o.unit_division_code,
              categories: o.unit_categories ?? [],
            }
          : null,
      coHandlers: [],
      rule: routed ? o.rule : null,
    };
  });

  const expectedRepeats = fixtures.filter((f) => registrations.get(f.id)?.expected.repeatOf);
  const linkedRight = expectedRepeats.filter(
    (f) =>
      originalOf.get(caseOf(f.id) ?? '') ===
      caseOf(registrations.get(f.id)?.expected.repeatOf ?? null),
  );
  const falseLinks = fixtures.filter(
    (f) =>
      !registrations.get(f.id)?.expected.repeatOf && originalOf.get(caseOf(f.id) ?? '') != null,
  );
  process.stdout.write(
    [
      `file: ${path} (${fixtures.length} petitions)`,
      `registered: ${receipts.size}, rejected: ${rejected.length}`,
      ...rejected.map((r) => `  rejected ${r}`),
      `repeats linked to their original: ${linkedRight.length}/${expectedRepeats.length}; linked wrongly: ${falseLinks.length}`,
      `new cases routed or sent to triage: ${own.length}`,
      ...routingFigures(results),
    ].join('\n') + '\n',
  );
} finally {
  await stopSystem(system);
  await env.dispose();
}
