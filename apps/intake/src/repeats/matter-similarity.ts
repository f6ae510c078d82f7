import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { NAME_SUFFIXES, PETITION_VOCABULARY, STOP_WORDS, SYNONYMS } from './domain-dictionary.js';
import { NamedEntities, type EntityMention } from './named-entities.js';

/**
 * Cosine similarity at or above which a petition is the same matter as an earlier one of the same
 * petitioner. Measured with `node dist/apps/cli/src/eval/repeat-threshold.js
 * ../shared/fixtures/petitions-sample.jsonl`: its 13 same-petitioner pairs are all repeats, and
 * all are found at 0.30 (recall 1.000; the weakest scores 0.333, two fall below 0.35). The file
 * has no same-person pair about two matters, so precision was measured with its 11,137 pairs of
 * different people about different matters standing in: none reaches 0.30 (precision 1.000, F1
 * 1.000; the highest scores 0.278), 4 reach 0.25.
 */
export const REPEAT_THRESHOLD = 0.3;

/**
 * Similarity, beyond the names they share (MatterSimilarity.similarityBeyond), at or above which
 * petitions of different people naming the same entity are one hotspot. Measured with the same
 * command on the file's 30 such pairs (any interval; labelled the same hotspot when their
 * expected.category is equal, 25 are): 0.10 gives precision 1.000, recall 0.960 (F1 0.980);
 * 0.05 adds a false link, 0.15 misses 5. With the shared name left in, a complaint about an
 * estate's street lights scored 0.29 against its owners' undelivered flats; beyond it, 0.00.
 */
export const CLUSTER_THRESHOLD = 0.1;

/**
 * Unit-length TF-IDF weights by term; compare two with {@link MatterSimilarity.similarity}. Every
 * petition's vector is stored at registration (intake.petition_terms) and earlier petitions are
 * compared by their stored vectors: a change to how terms are read needs a migration that
 * recomputes them (as 1765950000000-stored-matter-terms computed the first).
 */
export type TermVector = ReadonlyMap<string, number>;

/** A petition as similarity sees it: its term vector and the named entities it speaks of. */
export interface MatterSignature {
  terms: TermVector;
  entities: string[];
}

// Title words count twice: the title names the matter, the body adds circumstances. On the
// fixtures the weakest repeat clears the closest different matter by 0.004 with weight 1, 0.055
// with 2 and 0.040 with 3.
const TITLE_WEIGHT = 2;
// jieba's own fallback for words missing from idf.txt (the median of its idf values).
const UNKNOWN_IDF = 11.95;

const HAS_WORD = /[\p{Script=Han}a-z]/u;
const QUOTES = /[「」『』“”‘’"'《》〈〉]/g;

/** Text as names are read from it: full-width forms folded, quotation marks dropped. */
function clean(text: string): string {
  return text.normalize('NFKC').replace(QUOTES, '');
}

function parseIdf(bytes: Uint8Array): Map<string, number> {
  const text = Buffer.from(bytes).toString('utf8');
  const table = new Map<string, number>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.lastIndexOf(' ', end);
    if (space > start) table.set(text.slice(start, space), Number(text.slice(space + 1, end)));
    start = end + 1;
  }
  return table;
}

/**
 * What a petition is about, as text: weighted terms for similarity between petitions, and the
 * named estates, companies, projects and villages in it. Loading jieba's dictionaries takes a
 * few hundred milliseconds, so there is one per process: {@link MatterSimilarity.shared}.
 */
export class MatterSimilarity {
  private static instance: MatterSimilarity | undefined;

  /** The process-wide instance, created on first use. */
  static shared(): MatterSimilarity {
    MatterSimilarity.instance ??= new MatterSimilarity();
    return MatterSimilarity.instance;
  }

  private readonly jieba: Jieba;
  private readonly idf: Map<string, number>;
  private readonly names: NamedEntities;

  private constructor() {
    this.jieba = Jieba.withDict(dict);
    this.jieba.loadDict(Buffer.from(PETITION_VOCABULARY));
    this.jieba.loadDict(Buffer.from(NAME_SUFFIXES));
    this.idf = parseIdf(idf);
    this.names = new NamedEntities(this.jieba);
  }

  /** Unit-length TF-IDF vector of the petition's words, stop words and numbers left out. */
  terms(title: string, content: string): TermVector {
    return this.read(title, content).terms;
  }

  /**
   * What similarity needs of a petition, read once at registration and stored
   * (intake.petition_terms, intake.petition_entity): its {@link terms} and {@link entities}.
   */
  read(title: string, content: string): MatterSignature {
    const counts = new Map<string, number>();
    const entities = new Set<string>();
    for (const [text, weight] of [
      [title, TITLE_WEIGHT],
      [content, 1],
    ] as const) {
      const cleaned = clean(text);
      const names = this.names.mentions(cleaned);
      for (const { entity } of names) entities.add(entity);
      this.count(cleaned, names, weight, counts);
    }
    return { terms: unitWeights(counts, this.idf), entities: [...entities] };
  }

  /** Cosine similarity of two {@link terms} vectors, in [0, 1]. */
  similarity(a: TermVector, b: TermVector): number {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
    return Math.min(1, dot);
  }

  /**
   * Similarity of what two texts say beyond the named entities they share. Two petitions about one
   * estate always share its name, a heavy term; a hotspot needs them to agree on the rest.
   */
  similarityBeyond(a: TermVector, b: TermVector, shared: readonly string[]): number {
    // The cosine of the two vectors with the shared terms taken out, without building them: a
    // registration makes up to MATTER_COMPARISON_LIMIT of these.
    const norms = normBeyond(a, shared) * normBeyond(b, shared);
    if (norms === 0) return 0;
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let dot = 0;
    for (const [term, weight] of small) {
      if (!shared.includes(term)) dot += weight * (large.get(term) ?? 0);
    }
    return Math.min(1, dot / norms);
  }

  /**
   * Named estates, companies, projects, villages, schools and hospitals, normalised so that the
   * same one written differently matches: 遂宁市川顺建筑劳务有限公司 and 川顺公司 are both
   * 川顺公司, “涪江壹号”项目工地 and 涪江壹号项目 are both 涪江壹号.
   */
  entities(title: string, content: string): string[] {
    return this.read(title, content).entities;
  }

  private count(
    text: string,
    names: EntityMention[],
    weight: number,
    counts: Map<string, number>,
  ): void {
    let rest = text;
    for (const { entity, surface } of names) {
      // A name is one term, not its pieces (碧水, 名苑) each weighted as a rare word: otherwise
      // the estate outweighs what the petition says about it, and a person's parking complaint
      // reads as a repeat of their undelivered flat in the same estate.
      rest = rest.replaceAll(surface, '，');
      counts.set(entity, (counts.get(entity) ?? 0) + weight);
    }
    // Whole words: cutForSearch also emits their parts (养老保险 → 养老, 保险), which made a
    // pension transfer and a pension top-up read as one matter (0.41 against the weakest true
    // repeat's 0.34 on the fixtures; whole words: 0.28 against 0.33).
    for (const token of this.jieba.cut(rest.toLowerCase(), true)) {
      if (token.length < 2 || !HAS_WORD.test(token) || STOP_WORDS.has(token)) continue;
      const term = SYNONYMS.get(token) ?? token;
      counts.set(term, (counts.get(term) ?? 0) + weight);
    }
  }
}

/** Sublinear TF-IDF weights of the counted terms, scaled to unit length. */
function unitWeights(counts: Map<string, number>, idf: Map<string, number>): TermVector {
  const weights = new Map<string, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    // Sublinear: a long petition repeating a word ten times is not ten times about it.
    const weight = (1 + Math.log(count)) * (idf.get(term) ?? UNKNOWN_IDF);
    weights.set(term, weight);
    norm += weight * weight;
  }
  norm = Math.sqrt(norm);
  if (norm === 0) return weights;
  for (const [term, weight] of weights) weights.set(term, weight / norm);
  return weights;
}

/** The length of the vector without the given terms. */
function normBeyond(vector: TermVector, terms: readonly string[]): number {
  let sum = 0;
  for (const [term, weight] of vector) if (!terms.includes(term)) sum += weight * weight;
  return Math.sqrt(sum);
}
