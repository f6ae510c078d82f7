/**
 * Registration time with and without a large hotspot (issue 14): one estate with --hotspot earlier
 * petitions of different owners within 90 days, all linked, against estates nobody has petitioned
 * about. Requests alternate between the two, one at a time, so both see the same machine load.
 *
 *   npm run bench:hotspot [-- --hotspot 2000 --samples 150 --cpu-prof DIR]
 *
 * Only intake runs (routing and notify are not part of a registration). The hotspot is written
 * straight into the database, as registrations would have left it. With --cpu-prof, intake runs
 * under `node --cpu-prof` and the profile is summarised: where its time went.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MatterSimilarity } from '../../apps/intake/src/repeats/matter-similarity.js';
import { storedTerms } from '../../apps/intake/src/repeats/matter-terms.repository.js';
import { summariseCpuProfile } from './cpu-profile.js';
import { createTestEnvironment } from '../support/environment.js';
import { distinctPetitioner, request } from '../support/http.js';
import { freePort, ServiceProcess } from '../support/processes.js';

const { values } = parseArgs({
  options: {
    hotspot: { type: 'string', default: '2000' },
    samples: { type: 'string', default: '150' },
    output: { type: 'string', default: 'docs/benchmarks.md' },
    'cpu-prof': { type: 'string' },
    // MATTER_COMPARISON_LIMIT of intake; its default when not given.
    limit: { type: 'string' },
  },
});
const hotspotSize = Number(values.hotspot);
const samples = Number(values.samples);
const HOTSPOT_ESTATE = '翠湖名苑';
const DIVISION = '510903012';

/** What owners of an unfinished estate write, in several words; `{}` is the estate. */
const TEMPLATES = [
  [
    '{}逾期一年不交房',
    '我是{}{n}栋业主，合同约定去年底交房，工地停工一年多，开发商拖延不复工，请求政府督促复工交房。',
  ],
  [
    '{}项目烂尾，请求保交楼',
    '我们是{}{n}栋购房户，项目停工，塔吊拆了，预售资金去向不明，请把{}纳入保交楼，尽快复工交房。',
  ],
  [
    '{}何时复工交房',
    '{}停工逾期交房，每月还房贷{n}千元又要租房，压力很大，请求督促开发商复工，给业主交房时间表。',
  ],
  [
    '{}停工两年开发商失联',
    '{}项目停工两年，开发商失联，{n}栋业主无法收房，请求政府介入，尽快复工。',
  ],
  [
    '反映{}逾期交房问题',
    '本人购买{}{n}栋住房，已付全款，开发商承诺的交房日期早已过去，工地至今无人施工，请求督促交房。',
  ],
] as const;

function text(estate: string, n: number) {
  const [title, content] = TEMPLATES[n % TEMPLATES.length] ?? TEMPLATES[0];
  const fill = (s: string) => s.replaceAll('{}', estate).replaceAll('{n}', String((n % 30) + 1));
  return { title: fill(title), content: fill(content) };
}

/** Estates no one has petitioned about, each read as a name by the entity extraction. */
function freshEstates(count: number): string[] {
  const matter = MatterSimilarity.shared();
  const chars = '金银松柏桂兰梅竹云霞星月江河湖泉林枫荷杏'.split('');
  const names: string[] = [];
  for (const a of chars) {
    for (const b of chars) {
      const name = `${a}${b}花园`;
      const { title, content } = text(name, 0);
      if (a !== b && matter.entities(title, content).join() === name) names.push(name);
      if (names.length === count) return names;
    }
  }
  throw new Error(`only ${names.length} fresh estate names`);
}

const env = await createTestEnvironment();
const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });
const intake = new ServiceProcess('intake', await freePort(), {
  ...env.env,
  LOG_LEVEL: 'warn',
  ...(values.limit && { MATTER_COMPARISON_LIMIT: values.limit }),
});

/** The hotspot as registrations leave it: petitions, their people, named entity and hotspot. */
async function seedHotspot(size: number) {
  const hotspotId = randomUUID();
  const ids = Array.from({ length: size }, () => randomUUID());
  const texts = ids.map((_, i) => text(HOTSPOT_ESTATE, i));
  await env.db.query(
    `INSERT INTO intake.hotspot (id, entity, case_count, raised_at) VALUES ($1, $2, $3, now())`,
    [hotspotId, HOTSPOT_ESTATE, size],
  );
  await env.db.query(
    `INSERT INTO intake.petition (id, case_no, query_code_hash, channel, title, content,
       division_code, address, person_count, status, received_at, hotspot_id)
     SELECT id, 'BENCH-' || n, 'bench', 'ONLINE', title, content, $4, $5, 1, 'RECEIVED',
            now() - make_interval(mins => n::int), $6
     FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, title, content, n)`,
    [
      ids,
      texts.map((t) => t.title),
      texts.map((t) => t.content),
      DIVISION,
      `遂宁市船山区${HOTSPOT_ESTATE}`,
      hotspotId,
    ],
  );
  await env.db.query(
    `INSERT INTO intake.petitioner (id, petition_id, position, name_sealed, id_number_index)
     SELECT gen_random_uuid(), id, 0, 'bench', 'bench-' || id FROM unnest($1::uuid[]) AS id`,
    [ids],
  );
  // What registration stores for similarity: the term vector, the entity with place and time.
  const matter = MatterSimilarity.shared();
  await env.db.query(
    `INSERT INTO intake.petition_terms (petition_id, terms)
     SELECT * FROM unnest($1::uuid[], $2::jsonb[])`,
    [ids, texts.map((t) => storedTerms(matter.terms(t.title, t.content)))],
  );
  await env.db.query(
    `INSERT INTO intake.petition_entity (petition_id, entity, prefecture, received_at)
     SELECT p.id, $2, left(p.division_code, 4) || '00', p.received_at
     FROM intake.petition p WHERE p.id = ANY ($1::uuid[])`,
    [ids, HOTSPOT_ESTATE],
  );
  await env.db.query('ANALYZE');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function figures(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  return {
    mean,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    max: sorted.at(-1) ?? 0,
  };
}

try {
  const seededAt = Date.now();
  await seedHotspot(hotspotSize);
  const seedSeconds = (Date.now() - seededAt) / 1000;
  intake.start({}, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  await intake.waitUntil('ready');

  const fresh = freshEstates(samples + 10);
  let person = 0;
  const register = async (estate: string, n: number) => {
    const startedAt = performance.now();
    const response = await request<{ caseNo: string }>(
      'POST',
      `${intake.url}/api/v1/public/petitions`,
      {
        body: {
          ...text(estate, n),
          divisionCode: DIVISION,
          address: `遂宁市船山区${estate}`,
          personCount: 1,
          petitioners: [distinctPetitioner(person++)],
        },
      },
    );
    const ms = performance.now() - startedAt;
    if (response.status !== 201) throw new Error(`registration: ${response.status}`);
    return { ms, caseNo: response.body.caseNo };
  };

  // Warm-up: jieba's dictionaries, the database pool, the JIT.
  for (let i = 0; i < 10; i++) await register(fresh[samples + i] ?? '', i);
  const none: number[] = [];
  const inHotspot: number[] = [];
  let linked = 0;
  for (let i = 0; i < samples; i++) {
    none.push((await register(fresh[i] ?? '', i)).ms);
    const { ms, caseNo } = await register(HOTSPOT_ESTATE, i);
    inHotspot.push(ms);
    const { rows } = await env.db.query<{ hotspot_id: string | null }>(
      `SELECT hotspot_id FROM intake.petition WHERE case_no = $1`,
      [caseNo],
    );
    if (rows[0]?.hotspot_id) linked++;
  }
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  await intake.stop();

  const a = figures(none);
  const b = figures(inHotspot);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const row = (name: string, f: ReturnType<typeof figures>) =>
    `| ${name} | ${f.mean.toFixed(1)} | ${f.p50.toFixed(1)} | ${f.p90.toFixed(1)} | ${f.max.toFixed(1)} |`;
  const lines = [
    '',
    `## Intake: registration beside a ${hotspotSize}-petition hotspot (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Command: \`npm run bench:hotspot -- --hotspot ${hotspotSize} --samples ${samples}${values.limit ? ` --limit ${values.limit}` : ''}${profileDir ? ' --cpu-prof DIR' : ''}\``,
    `Machine: ${machine}; PostgreSQL local; intake alone, one request at a time; load average ${load} at the end.`,
    `The hotspot (${hotspotSize} petitions of different owners of ${HOTSPOT_ESTATE}, one hotspot) seeded in ${seedSeconds.toFixed(1)} s; ${linked}/${samples} new petitions about it joined it.`,
    '',
    '| registration (POST /api/v1/public/petitions) | mean ms | p50 ms | p90 ms | max ms |',
    '| --- | --- | --- | --- | --- |',
    row('an estate nobody petitioned about', a),
    row(`the estate of the ${hotspotSize}-petition hotspot`, b),
    '',
    `Ratio hotspot / none: mean ${(b.mean / a.mean).toFixed(2)}, p50 ${(b.p50 / a.p50).toFixed(2)}.`,
  ];
  if (profileDir) {
    const [file] = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (file) {
      const functions = ['link', 'cluster', 'findOriginal', 'terms', 'names'];
      const profile = summariseCpuProfile(join(profileDir, file), functions);
      const share = (ms: number) =>
        `${ms.toFixed(0)} ms (${((100 * ms) / profile.busyMs).toFixed(1)} %)`;
      lines.push(
        '',
        `CPU profile of intake over the whole run (${file}; ${profile.busyMs.toFixed(0)} ms busy, start-up included):`,
        '',
        ...functions.map(
          (fn) => `- ${fn} (with what it calls): ${share(profile.inclusive.get(fn) ?? 0)}`,
        ),
        '- most self time:',
        ...profile.self.slice(0, 8).map((f) => `  - ${f.name}: ${share(f.ms)}`),
      );
    }
  }
  const report = `${lines.join('\n')}\n`;
  appendFileSync(values.output, report);
  process.stdout.write(report);
} finally {
  await intake.stop();
  await env.dispose();
}
