/**
 * Replays a fixture file of the shared format (one labelled petition per line) through the intake
 * API of a fresh system, in arrival order, and prints repeat and collective detection against
 * the labels.
 *
 *   npm run eval:intake -- ../shared/fixtures/petitions-sample.jsonl
 *
 * Online petitions go through the public form, the others through staff registration with their
 * channel. Everything is received "now": the 365-day window of repeats is not exercised.
 */
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
  expected: { nature: string; repeatOf: string | null; collective: boolean };
}

type Receipt = { caseNo: string; repeatOf?: string };

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
    predictedRepeatOf.set(f.id, response.body.repeatOf && fixtureOf.get(response.body.repeatOf));
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
    `collective: ${collectiveAgree}/${listed} agree with the labels (accuracy ${ratio(collectiveAgree, listed)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await stopSystem(system);
  await env.dispose();
}
