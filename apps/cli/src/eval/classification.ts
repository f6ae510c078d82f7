/**
 * Measures the petition classifier on a labelled petitions file (the format of
 * shared/fixtures/petitions-sample.jsonl):
 *
 *   node dist/apps/cli/src/eval/classification.js PETITIONS.jsonl
 *
 * Prints nature and category accuracy, per-category precision and recall, the most frequent
 * mistakes, and for confidence thresholds 0.10 to 0.90 how many petitions would go to manual
 * triage and how often the rest would be routed right. Reads the file only; writes nothing.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Categories, type Category, Natures, type Nature } from '#common';
import {
  type Classification,
  PetitionClassifier,
  TRIAGE_CONFIDENCE,
} from '../../../routing/src/classification/classifier.js';

const THRESHOLDS = Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05);
// Enough mistakes to read, not the whole tail.
const LISTED = 15;

interface Labelled {
  id: string;
  title: string;
  content: string;
  nature: Nature;
  category: Category;
  triage: boolean;
}

interface Result {
  petition: Labelled;
  got: Classification;
}

function field(value: unknown, name: string, line: number): unknown {
  if (typeof value !== 'object' || value === null || !(name in value)) {
    throw new Error(`line ${line}: ${name} is missing`);
  }
  return (value as Record<string, unknown>)[name];
}

function text(value: unknown, name: string, line: number): string {
  const found = field(value, name, line);
  if (typeof found !== 'string') throw new Error(`line ${line}: ${name} is not a string`);
  return found;
}

function code<T extends string>(value: string, codes: readonly T[], line: number): T {
  const found = codes.find((c) => c === value);
  if (found === undefined) throw new Error(`line ${line}: unknown code ${value}`);
  return found;
}

function parse(path: string): Labelled[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((raw, index) => ({ raw, line: index + 1 }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, line }) => {
      const row: unknown = JSON.parse(raw);
      const expected = field(row, 'expected', line);
      return {
        id: text(row, 'id', line),
        title: text(row, 'title', line),
        content: text(row, 'content', line),
        nature: code(text(expected, 'nature', line), Natures, line),
        category: code(text(expected, 'category', line), Categories, line),
        triage: field(expected, 'triage', line) === true,
      };
    });
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '    -' : (part / whole).toFixed(3);

/** Routed right: a person would not have needed to read it, and nature and category are right. */
const right = ({ petition, got }: Result): boolean =>
  !petition.triage && got.nature === petition.nature && got.category === petition.category;

function main(path: string): void {
  const petitions = parse(path);
  const loadStart = performance.now();
  const classifier = new PetitionClassifier();
  const loadMs = performance.now() - loadStart;
  const classifyStart = performance.now();
  const results: Result[] = petitions.map((petition) => ({
    petition,
    got: classifier.classify(petition.title, petition.content),
  }));
  const perPetitionMs = (performance.now() - classifyStart) / Math.max(1, petitions.length);
  const out = (line = ''): void => {
    process.stdout.write(`${line}\n`);
  };

  const n = results.length;
  const natureRight = results.filter((r) => r.got.nature === r.petition.nature).length;
  const categoryRight = results.filter((r) => r.got.category === r.petition.category).length;
  const bothRight = results.filter(
    (r) => r.got.nature === r.petition.nature && r.got.category === r.petition.category,
  ).length;
  out(`${path}: ${n} petitions`);
  out(`load ${loadMs.toFixed(0)} ms once, classify ${perPetitionMs.toFixed(2)} ms per petition`);
  out(`nature accuracy   ${pct(natureRight, n)} (${natureRight}/${n})`);
  out(`category accuracy ${pct(categoryRight, n)} (${categoryRight}/${n})`);
  out(`both right        ${pct(bothRight, n)} (${bothRight}/${n})`);

  out();
  out('nature      expected  predicted  right  precision recall');
  for (const nature of Natures) {
    out(
      row(
        nature,
        results,
        (r) => r.petition.nature,
        (r) => r.got.nature,
        10,
      ),
    );
  }
  out();
  out('category                  expected  predicted  right  precision recall');
  for (const category of Categories) {
    out(
      row(
        category,
        results,
        (r) => r.petition.category,
        (r) => r.got.category,
        24,
      ),
    );
  }

  out();
  out('most frequent mistakes (expected -> predicted: count, ids)');
  const mistakes = new Map<string, string[]>();
  for (const { petition, got } of results) {
    if (petition.category !== got.category) {
      const key = `category ${petition.category} -> ${got.category}`;
      mistakes.set(key, [...(mistakes.get(key) ?? []), `${petition.id}@${got.confidence}`]);
    }
    if (petition.nature !== got.nature) {
      const key = `nature ${petition.nature} -> ${got.nature}`;
      mistakes.set(key, [...(mistakes.get(key) ?? []), `${petition.id}@${got.confidence}`]);
    }
  }
  for (const [key, ids] of [...mistakes]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, LISTED)) {
    out(`  ${key}: ${ids.length}  ${ids.join(' ')}`);
  }

  out();
  out('threshold  triage  routed  routed right  auto accuracy  category-only  triage agreement');
  for (const threshold of THRESHOLDS) {
    const routed = results.filter((r) => r.got.confidence >= threshold);
    const routedRight = routed.filter(right).length;
    const categoryOnly = routed.filter((r) => r.got.category === r.petition.category).length;
    const agree = results.filter((r) => r.got.confidence < threshold === r.petition.triage).length;
    const mark = Math.abs(threshold - TRIAGE_CONFIDENCE) < 1e-9 ? '*' : ' ';
    out(
      `${mark}${threshold.toFixed(2).padStart(8)}  ${String(n - routed.length).padStart(6)}  ` +
        `${String(routed.length).padStart(6)}  ${String(routedRight).padStart(12)}  ` +
        `${pct(routedRight, routed.length).padStart(13)}  ` +
        `${pct(categoryOnly, routed.length).padStart(13)}  ${pct(agree, n).padStart(16)}`,
    );
  }
  out(`(* TRIAGE_CONFIDENCE = ${TRIAGE_CONFIDENCE}; routed right = nature and category right and`);
  out(' not labelled for triage; triage agreement = sent to triage exactly when labelled so)');

  out();
  out(`routed at ${TRIAGE_CONFIDENCE} but wrong:`);
  for (const r of results.filter((r) => r.got.confidence >= TRIAGE_CONFIDENCE && !right(r))) {
    out(
      `  ${r.petition.id} ${r.petition.nature}/${r.petition.category}${r.petition.triage ? ' (triage)' : ''}` +
        ` -> ${r.got.nature}/${r.got.category} @${r.got.confidence} [${r.got.evidence.category.join(' ')}]`,
    );
  }
  out(`sent to triage at ${TRIAGE_CONFIDENCE} though not labelled so:`);
  for (const r of results.filter(
    (r) => r.got.confidence < TRIAGE_CONFIDENCE && !r.petition.triage,
  )) {
    out(`  ${r.petition.id} -> ${r.got.nature}/${r.got.category} @${r.got.confidence}`);
  }
  out(`labelled for triage:`);
  for (const r of results.filter((r) => r.petition.triage)) {
    out(`  ${r.petition.id} -> ${r.got.category} @${r.got.confidence}`);
  }
}

function row<K extends string>(
  key: K,
  results: readonly Result[],
  expected: (r: Result) => K,
  predicted: (r: Result) => K,
  width: number,
): string {
  const labelled = results.filter((r) => expected(r) === key).length;
  const chosen = results.filter((r) => predicted(r) === key).length;
  const hits = results.filter((r) => expected(r) === key && predicted(r) === key).length;
  return (
    `${key.padEnd(width)}  ${String(labelled).padStart(8)}  ${String(chosen).padStart(9)}  ` +
    `${String(hits).padStart(5)}  ${pct(hits, chosen).padStart(9)} ${pct(hits, labelled).padStart(6)}`
  );
}

const [file] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: classification PETITIONS.jsonl\n');
  process.exitCode = 2;
} else {
  main(file);
}
