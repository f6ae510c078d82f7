/**
 * Replays a fixture file of the shared format (one labelled petition per line) through the intake
 * API of a fresh system, in arrival order, and prints repeat, hotspot and collective detection
 * against the labels.
 *
 *   npm run eval:intake -- ../shared/fixtures/petitions-sample.jsonl
 *
 * Online petitions go through the public form, the others through staff registration with their
 * channel. Everything is received "now": the 365-day window of repeats and the 90-day window of
 * hotspots are not exercised.
 *
 * Hotspots are scored on pairs of petitions of different people that name a common entity, the
 * labelled repeats left out (a repeat joins its original's case, never a hotspot): the same hotspot
 * when their expected.category is equal, as in eval:thresholds; predicted the same when intake put
 * both in one hotspot.
 */
import { MatterSimilarity } from '../../apps/intake/src/repeats/matter-similarity.js';
import { readJsonLines } from '../support/fixtures.js';
import { createTestEnvironment } from '../support/environment.js';
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
  petitioner: { name: string; idNumber: string; phone: string };
  expected: { nature: string; category: string; repeatOf: string | null; collective: boolean };
}

type Receipt = { caseNo: string };

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: npm run eval:intake -- <petitions.jsonl>\n');
  process.exit(64);
}
const fixtures = readJsonLines<FixturePetition>(path);

const env = await createTestEnvironment({ demo: true });
const system = await startSystem(env.env);
try {
  const registrar = await login(system.routing.url, 'suining.registrar');
  const caseOf = new Map<string, string>();
  const fixtureOf = new Map<string, string>();
  const predictedRepeatOf = new Map<string, string | undefined>();
  const rejected: string[] = [];

  for (const f of fixtures) {
    const person = f.petitioner;
    const petitioners =
      person.name === '匿名' && !person.idNumber && !person.phone
        ? []
        : [
            {
              name: person.name,
              ...(person.idNumber && { idNumber: person.idNumber }),
              ...(person.phone && { phone: person.phone }),
            },
          ];
    const matter = {
      title: f.title,
      content: f.content,
      divisionCode: f.divisionCode,
      address: f.address,
      personCount: f.personCount,
      petitioners,
      ...(petitioners.length === 0 && { nature: 'ACCUSATION' }),
    };
    const response =
      f.channel === 'ONLINE'
        ? await request<Receipt>('POST', `${system.intake.url}/api/v1/public/petitions`, {
            body: matter,
          })
        : await request<Receipt>('POST', `${system.intake.url}/api/v1/petitions`, {
            token: registrar,
            body: {
              ...matter,
              channel: f.channel,
              ...(f.channel === 'TRANSFERRED' && {
                transfer: { sourceBody: '四川省信访局', referenceNo: `EVAL-${f.id}` },
              }),
            },
          });
    if (response.status !== 201) {
      rejected.push(`${f.id}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
      continue;
    }
    caseOf.set(f.id, response.body.caseNo);
    fixtureOf.set(response.body.caseNo, f.id);
    // The public receipt never names the case a petition joined (no oracle): read it as staff do.
    const linked = await env.db.query<{ case_no: string }>(
      `SELECT o.case_no FROM intake.petition p JOIN intake.petition o ON o.id = p.repeat_of
       WHERE p.case_no = $1`,
      [response.body.caseNo],
    );
    const repeatOf = linked.rows[0]?.case_no;
    predictedRepeatOf.set(f.id, repeatOf && fixtureOf.get(repeatOf));
  }

  // The labels may point at an earlier repeat; the system links to the case it repeats.
  const byId = new Map(fixtures.map((f) => [f.id, f]));
  const rootOf = (id: string): string => {
    const parent = byId.get(id)?.expected.repeatOf;
    return parent ? rootOf(parent) : id;
  };
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  const misses: string[] = [];
  for (const f of fixtures) {
    if (!caseOf.has(f.id)) continue;
    const expected = f.expected.repeatOf ? rootOf(f.expected.repeatOf) : undefined;
    const predicted = predictedRepeatOf.get(f.id);
    if (predicted && predicted === expected) truePositive++;
    else {
      if (predicted) falsePositive++;
      if (expected) falseNegative++;
      if (predicted || expected)
        misses.push(`${f.id}: expected ${expected ?? 'new'}, got ${predicted ?? 'new'}`);
    }
  }

  const hotspotOf = new Map(
    (
      await env.db.query<{ case_no: string; hotspot_id: string | null }>(
        'SELECT case_no, hotspot_id FROM intake.petition',
      )
    ).rows.map((r) => [fixtureOf.get(r.case_no), r.hotspot_id]),
  );
  const matter = MatterSimilarity.shared();
  const named = fixtures
    .filter((f) => caseOf.has(f.id) && !f.expected.repeatOf)
    .map((f) => ({ f, entities: new Set(matter.entities(f.title, f.content)) }));
  const personOf = (f: FixturePetition) => f.petitioner.idNumber || f.petitioner.phone;
  const hotspotPairs = { tp: 0, fp: 0, fn: 0, pairs: 0 };
  named.forEach((a, i) => {
    for (const b of named.slice(i + 1)) {
      if (personOf(a.f) === personOf(b.f) || ![...a.entities].some((e) => b.entities.has(e))) {
        continue;
      }
      hotspotPairs.pairs++;
      const expected = a.f.expected.category === b.f.expected.category;
      const hotspot = hotspotOf.get(a.f.id);
      const predicted = hotspot != null && hotspot === hotspotOf.get(b.f.id);
      if (predicted && expected) hotspotPairs.tp++;
      else if (predicted) hotspotPairs.fp++;
      else if (expected) hotspotPairs.fn++;
    }
  });

  const admin = await login(system.routing.url, 'admin');
  let collectiveAgree = 0;
  let listed = 0;
  for (let page = 1; ; page++) {
    const { body } = await request<{ items: { caseNo: string; collective: boolean }[] }>(
      'GET',
      `${system.intake.url}/api/v1/petitions?pageSize=100&page=${page}`,
      { token: admin },
    );
    for (const item of body.items) {
      const fixture = byId.get(fixtureOf.get(item.caseNo) ?? '');
      if (!fixture) continue;
      listed++;
      if (fixture.expected.collective === item.collective) collectiveAgree++;
    }
    if (body.items.length < 100) break;
  }

  const ratio = (n: number, d: number) => (d === 0 ? 'n/a' : (n / d).toFixed(3));
  const lines = [
    `file: ${path} (${fixtures.length} petitions)`,
    `registered: ${caseOf.size}, rejected: ${rejected.length}`,
    ...rejected.map((r) => `  rejected ${r}`),
    `repeats: expected ${truePositive + falseNegative}, predicted ${truePositive + falsePositive}, correct ${truePositive}`,
    `  precision ${ratio(truePositive, truePositive + falsePositive)}, recall ${ratio(truePositive, truePositive + falseNegative)}`,
    ...misses.map((m) => `  ${m}`),
    `hotspots: ${hotspotPairs.pairs} pairs of different petitioners naming a common entity, ${hotspotPairs.tp + hotspotPairs.fn} labelled the same hotspot, ${hotspotPairs.tp + hotspotPairs.fp} linked, ${hotspotPairs.tp} correctly`,
    `  precision ${ratio(hotspotPairs.tp, hotspotPairs.tp + hotspotPairs.fp)}, recall ${ratio(hotspotPairs.tp, hotspotPairs.tp + hotspotPairs.fn)}`,
    `collective: ${collectiveAgree}/${listed} agree with the labels (accuracy ${ratio(collectiveAgree, listed)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await stopSystem(system);
  await env.dispose();
}
