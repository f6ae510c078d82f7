import type { MatterReading } from './matter-reader.js';
import type { SparseVector } from './softmax-regression.js';

const HAN_RUN = /[\u3400-\u9fff]+/g;
const WORD = /[\p{L}\p{N}]/u;

/**
 * What the model sees of a petition: its words (jieba, search mode, cut once by the caller), the
 * title's words again,
 * and character bigrams, which survive typos, dialect and words jieba does not know. Counts are
 * damped (1 + ln n): a long letter repeating a word is not that much more about it.
 */
export function petitionTokens(
  words: { title: ReadonlyMap<string, number>; content: ReadonlyMap<string, number> },
  title: string,
  content: string,
): Map<string, number> {
  const tokens = new Map<string, number>();
  const add = (token: string, n = 1) => tokens.set(token, (tokens.get(token) ?? 0) + n);
  for (const [word, count] of words.content) {
    if (WORD.test(word)) add(`w:${numberless(word)}`, count);
  }
  for (const word of words.title.keys()) {
    if (WORD.test(word)) add(`t:${numberless(word)}`);
  }
  for (const run of `${title}\n${content}`.matchAll(HAN_RUN)) {
    const text = run[0];
    for (let i = 0; i + 1 < text.length; i++) add(`b:${text.slice(i, i + 2)}`);
  }
  return tokens;
}

/**
 * What the phrase rules read, as features the model weighs with the words: an official accused of
 * misconduct, a unit complained about, steps the courts or police took.
 */
export function readingTokens(reading: MatterReading): Map<string, number> {
  const tokens = new Map<string, number>();
  if (reading.accusedOfficials.length > 0) tokens.set('r:accused-official', 1);
  if (reading.accusedOfficials.some((o) => o.inTitle)) tokens.set('r:accused-official-title', 1);
  if (reading.accusedCountyLeader) tokens.set('r:accused-county-leader', 1);
  if (reading.mentions.some((m) => m.complainedAbout)) tokens.set('r:unit-complained-about', 1);
  if (reading.mentions.some((m) => m.level === 'PREFECTURE')) tokens.set('r:prefecture-body', 1);
  if (reading.mentions.some((m) => m.level === 'PREFECTURE' && m.inTitle)) {
    tokens.set('r:prefecture-body-title', 1);
  }
  if (reading.prefectureBody) tokens.set('r:prefecture-body-named', 1);
  if (reading.countyBody) tokens.set('r:county-body-named', 1);
  if (reading.secondInstance) tokens.set('r:second-instance', 1);
  if (reading.accusedOfficials.some((o) => o.unit?.level === 'PREFECTURE')) {
    tokens.set('r:prefecture-official', 1);
  }
  if (reading.legalProceedings.length > 0) {
    tokens.set('r:legal-proceedings', reading.legalProceedings.length);
  }
  return tokens;
}

const numberless = (word: string) => (/^\d+(\.\d+)?$/.test(word) ? '#' : word);

/** The features a model knows, by index; tokens outside it are ignored. */
export class FeatureSpace {
  private readonly index: ReadonlyMap<string, number>;

  constructor(readonly features: readonly string[]) {
    this.index = new Map(features.map((feature, i) => [feature, i]));
  }

  /** The features seen in at least `minDocuments` training texts, in a stable order. */
  static fromTokens(documents: readonly Map<string, number>[], minDocuments: number): FeatureSpace {
    const seen = new Map<string, number>();
    for (const tokens of documents) {
      for (const token of tokens.keys()) seen.set(token, (seen.get(token) ?? 0) + 1);
    }
    return new FeatureSpace(
      [...seen]
        .filter(([, n]) => n >= minDocuments)
        .map(([token]) => token)
        .sort(),
    );
  }

  get size() {
    return this.features.length;
  }

  /** Damped counts, scaled to unit length. */
  vector(tokens: ReadonlyMap<string, number>): SparseVector {
    const entries: [number, number][] = [];
    for (const [token, count] of tokens) {
      const i = this.index.get(token);
      if (i !== undefined) entries.push([i, 1 + Math.log(count)]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((sum, [, v]) => sum + v * v, 0)) || 1;
    return {
      index: Int32Array.from(entries.map(([i]) => i)),
      value: Float32Array.from(entries.map(([, v]) => v / norm)),
    };
  }
}
