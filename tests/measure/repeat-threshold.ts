/**
 * Measures the text-similarity thresholds of repeat petitions and hotspot clusters on a labelled
 * petitions file (the format of shared/fixtures/petitions-sample.jsonl):
 *
 *   npm run eval:thresholds -- PETITIONS.jsonl
 *
 * Prints precision, recall and F1 for thresholds 0.05 to 0.95 and the figures of the thresholds
 * the product uses. Reads the file only; writes nothing.
 */
import { readFileSync } from 'node:fs';
import {
  CLUSTER_THRESHOLD,
  MatterSimilarity,
  REPEAT_THRESHOLD,
  type TermVector,
} from '../../apps/intake/src/repeats/matter-similarity.js';

const DAY_MS = 86_400_000;
const CLUSTER_WINDOW_DAYS = 90;
const THRESHOLDS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
// Enough of the misses and false alarms to read them, not the whole tail.
const LISTED = 12;

interface Petition {
  id: string;
  receivedAt: number;
  /** ID number, else phone; undefined when anonymous. */
  person: string | undefined;
  category: string;
  repeatOf: string | null;
  terms: TermVector;
  entities: Set<string>;
}

interface Pair {
  earlier: Petition;
  later: Petition;
  similarity: number;
  /** The label: the same matter (repeats) or the same hotspot (clusters). */
  same: boolean;
}

function text(value: unknown, field: string, line: number): string {
  if (typeof value !== 'string') throw new Error(`line ${line}: ${field} is not a string`);
  return value;
}

function parseLine(raw: string, line: number): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new Error(`line ${line}: not JSON`, { cause: error });
  }
}

function record(value: unknown, field: string, line: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`line ${line}: ${field} is not an object`);
  }
  return value as Record<string, unknown>;
}

function readPetitions(path: string, matter: MatterSimilarity): Petition[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const petitions: Petition[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    const row = record(parseLine(raw, line), 'line', line);
    const petitioner = record(row.petitioner, 'petitioner', line);
    const expected = record(row.expected, 'expected', line);
    const title = text(row.title, 'title', line);
    const content = text(row.content, 'content', line);
    const idNumber = typeof petitioner.idNumber === 'string' ? petitioner.idNumber : '';
    const phone = typeof petitioner.phone === 'string' ? petitioner.phone : '';
    const receivedAt = Date.parse(text(row.receivedAt, 'receivedAt', line));
    if (Number.isNaN(receivedAt)) throw new Error(`line ${line}: receivedAt is not a date`);
    petitions.push({
      id: text(row.id, 'id', line),
      receivedAt,
      // The requirement's identity rule: ID number, or phone when there is no ID number.
      person: idNumber ? `id:${idNumber}` : phone ? `phone:${phone}` : undefined,
      category: text(expected.category, 'expected.category', line),
      repeatOf: typeof expected.repeatOf === 'string' ? expected.repeatOf : null,
      terms: matter.terms(title, content),
      entities: new Set(matter.entities(title, content)),
    });
  });
  return petitions;
}

/** The first petition of a repeat chain: repeats of repeats are all the same matter. */
function matterOf(petition: Petition, byId: Map<string, Petition>): string {
  let current = petition;
  const seen = new Set<string>();
  while (current.repeatOf && !seen.has(current.id)) {
    seen.add(current.id);
    const earlier = byId.get(current.repeatOf);
    if (!earlier) break;
    current = earlier;
  }
  return current.id;
}

function sharesEntity(a: Petition, b: Petition): boolean {
  return [...a.entities].some((entity) => b.entities.has(entity));
}

function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? '    -' : (numerator / denominator).toFixed(3);
}

interface Scores {
  tp: number;
  fp: number;
  fn: number;
  negatives: number;
}

function score(pairs: Pair[], threshold: number): Scores {
  const scores = { tp: 0, fp: 0, fn: 0, negatives: 0 };
  for (const pair of pairs) {
    const decided = pair.similarity >= threshold;
    if (!pair.same) scores.negatives += 1;
    if (decided && pair.same) scores.tp += 1;
    else if (decided) scores.fp += 1;
    else if (pair.same) scores.fn += 1;
  }
  return scores;
}

function f1({ tp, fp, fn }: Scores): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function row(label: string, s: Scores): string {
  const precision = ratio(s.tp, s.tp + s.fp);
  const recall = ratio(s.tp, s.tp + s.fn);
  const fpRate = ratio(s.fp, s.negatives);
  const cells = [s.tp, s.fp, s.fn].map((n) => String(n).padStart(5));
  return `${label.padStart(9)} ${cells.join(' ')}  ${precision}     ${recall}  ${f1(s).toFixed(3)}    ${fpRate}`;
}

function printTable(heading: string, pairs: Pair[], chosen: number): void {
  const positives = pairs.filter((p) => p.same).length;
  process.stdout.write(
    `\n${heading}\n${pairs.length} pairs: ${positives} labelled same, ${pairs.length - positives} labelled different\n` +
      `threshold    TP    FP    FN  precision recall  F1       FP rate\n`,
  );
  let best = { threshold: 0, f1: -1 };
  for (const threshold of THRESHOLDS) {
    const scores = score(pairs, threshold);
    const mark = Math.abs(threshold - chosen) < 1e-9 ? '*' : ' ';
    process.stdout.write(`${row(`${mark}${threshold.toFixed(2)}`, scores)}\n`);
    if (f1(scores) > best.f1) best = { threshold, f1: f1(scores) };
  }
  const unmeasured =
    positives === pairs.length
      ? '(no pair is labelled different: precision is not measured)\n'
      : '';
  process.stdout.write(
    `${row(`chosen ${chosen.toFixed(2)}`, score(pairs, chosen))}\n` +
      `best F1 ${best.f1.toFixed(3)} at ${best.threshold.toFixed(2)} (lowest such threshold)\n` +
      unmeasured,
  );
}

function describe(pair: Pair): string {
  const days = Math.round((pair.later.receivedAt - pair.earlier.receivedAt) / DAY_MS);
  const shared = [...pair.earlier.entities].filter((e) => pair.later.entities.has(e));
  const entities = shared.length > 0 ? ` [${shared.join(', ')}]` : '';
  return `${pair.earlier.id}→${pair.later.id} ${pair.similarity.toFixed(3)} (${days} d, ${pair.earlier.category}/${pair.later.category})${entities}`;
}

function printErrors(pairs: Pair[], threshold: number): void {
  const misses = pairs
    .filter((p) => p.same && p.similarity < threshold)
    .sort((a, b) => a.similarity - b.similarity);
  const alarms = pairs
    .filter((p) => !p.same && p.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
  for (const [name, list] of [
    ['missed (labelled same, below threshold)', misses],
    ['false alarms (labelled different, at or above threshold)', alarms],
  ] as const) {
    const shown = list.slice(0, LISTED).map(describe);
    const more = list.length > LISTED ? [`… and ${list.length - LISTED} more`] : [];
    process.stdout.write(
      `${name}: ${list.length}\n${[...shown, ...more].map((l) => `  ${l}\n`).join('')}`,
    );
  }
}

function main(path: string | undefined): number {
  if (!path) {
    process.stderr.write('usage: repeat-threshold PETITIONS.jsonl\n');
    return 2;
  }
  const matter = MatterSimilarity.shared();
  const petitions = readPetitions(path, matter).sort((a, b) => a.receivedAt - b.receivedAt);
  const byId = new Map(petitions.map((p) => [p.id, p]));

  const samePerson: Pair[] = [];
  const otherPeople: Pair[] = [];
  petitions.forEach((earlier, i) => {
    for (const later of petitions.slice(i + 1)) {
      if (later.receivedAt <= earlier.receivedAt) continue;
      const similarity = matter.similarity(earlier.terms, later.terms);
      if (earlier.person !== undefined && earlier.person === later.person) {
        const same = matterOf(earlier, byId) === matterOf(later, byId);
        samePerson.push({ earlier, later, similarity, same });
      } else {
        // Different people: the same hotspot when they name the same entity under one category.
        const same = earlier.category === later.category && sharesEntity(earlier, later);
        otherPeople.push({ earlier, later, similarity, same });
      }
    }
  });

  process.stdout.write(
    `${path}: ${petitions.length} petitions\n` +
      `Repeat decision: similarity >= threshold between a petition and an earlier one of the same ` +
      `petitioner (ID number, else phone); same matter = same chain of expected.repeatOf.\n`,
  );
  printTable('Repeats: same-petitioner pairs', samePerson, REPEAT_THRESHOLD);
  // A file may hold few or no same-person pairs about different matters, which leaves precision
  // unmeasured; pairs of different people about different matters stand in for them.
  const standIns = otherPeople.filter((p) => !p.same).concat(samePerson);
  printTable(
    'Repeats with stand-in negatives: same-petitioner pairs plus pairs of different petitioners ' +
      'about different matters (other category, or no named entity in common)',
    standIns,
    REPEAT_THRESHOLD,
  );
  process.stdout.write(`At REPEAT_THRESHOLD ${REPEAT_THRESHOLD}, stand-in set:\n`);
  printErrors(standIns, REPEAT_THRESHOLD);

  const window = CLUSTER_WINDOW_DAYS * DAY_MS;
  // Hotspots compare what two petitions say beyond the names they share.
  const named = otherPeople
    .filter((p) => sharesEntity(p.earlier, p.later))
    .map((p) => ({
      ...p,
      similarity: matter.similarityBeyond(
        p.earlier.terms,
        p.later.terms,
        [...p.earlier.entities].filter((e) => p.later.entities.has(e)),
      ),
    }));
  const recent = named.filter((p) => p.later.receivedAt - p.earlier.receivedAt <= window);
  const label = 'naming the same entity; labelled the same hotspot when expected.category is equal';
  printTable(
    `Clusters: pairs of different petitioners within ${CLUSTER_WINDOW_DAYS} days ${label}`,
    recent,
    CLUSTER_THRESHOLD,
  );
  // Within the window one estate or village is rarely the subject of two kinds of matter, so the
  // pairs above may all be labelled same; over any interval there are some that are not.
  printTable(
    `Clusters over any interval: pairs of different petitioners ${label}`,
    named,
    CLUSTER_THRESHOLD,
  );
  process.stdout.write(`At CLUSTER_THRESHOLD ${CLUSTER_THRESHOLD}, any interval:\n`);
  printErrors(named, CLUSTER_THRESHOLD);

  const unnamed = otherPeople.filter(
    (p) =>
      p.later.receivedAt - p.earlier.receivedAt <= window &&
      p.earlier.category === p.later.category &&
      !sharesEntity(p.earlier, p.later) &&
      p.similarity >= CLUSTER_THRESHOLD,
  );
  const shown = unnamed.slice(0, LISTED).map((p) => `  ${describe(p)}\n`);
  process.stdout.write(
    `\nSame-category pairs of different petitioners within ${CLUSTER_WINDOW_DAYS} days at or above ` +
      `CLUSTER_THRESHOLD that name no common entity, so are not linked (a hotspot among them ` +
      `would be a name the extraction missed): ${unnamed.length}\n${shown.join('')}` +
      (unnamed.length > LISTED ? `  … and ${unnamed.length - LISTED} more\n` : ''),
  );
  return 0;
}

process.exitCode = main(process.argv[2]);
