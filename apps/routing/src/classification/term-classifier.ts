import { Categories, type Category, Natures, type Nature } from '#common';
import {
  CATEGORY_TERMS,
  NATURE_TERMS,
  OFFICIAL_TERMS,
  OTHER_TERMS,
  UNCLEAR_TERMS,
  type WeightedTerms,
} from './classifier-terms.js';
import { Segmenter } from './segmenter.js';

/** What the term tables make of a petition, how sure they are, and the terms that decided it. */
export interface TermVerdict {
  nature: Nature;
  category: Category;
  /** 0..1: the softmax probability of the winning category. */
  confidence: number;
  /** The matched terms (and combined features such as 举报+书记), strongest first. */
  evidence: { nature: string[]; category: string[] };
}

// The title names the matter; the body adds circumstances and quotes other people's words.
const TITLE_WEIGHT = 2.5;
// A petition is a request unless it accuses or suggests: this is REQUEST's score with no terms.
const NATURE_PRIOR = 3;
// OTHER's score with no terms: a text that matches nothing stronger than this is not understood.
const OTHER_BASELINE = 2;
// A category not one term of which is in the text is less likely than one with weak evidence:
// without this, the many such categories would together outweigh two clear terms of a short text.
const NO_EVIDENCE_PENALTY = 2;
// Softmax temperatures: the score difference that makes one class e times likelier than another.
const CATEGORY_TEMPERATURE = 3;
const NATURE_TEMPERATURE = 1.5;
// Unclear-text markers divide confidence by e for each this many points.
const UNCLEAR_SCALE = 3;
// An accusation naming an official goes to discipline whatever its subject (routing rules), so the
// official outweighs the subject's own terms (a headmaster docking pupils' meals, S123).
const ACCUSED_OFFICIAL_FACTOR = 2;
// Enough terms to explain a decision, not the whole text.
const EVIDENCE_TERMS = 8;

interface Match {
  term: string;
  score: number;
}

interface Scored {
  score: number;
  matches: Match[];
}

/** Every term the tables weigh, for a segmenter that cuts each as one word. */
export const TERM_VOCABULARY: readonly string[] = [
  ...Object.values(CATEGORY_TERMS),
  ...Object.values(NATURE_TERMS),
  OFFICIAL_TERMS,
  OTHER_TERMS,
  UNCLEAR_TERMS,
].flatMap((terms) => Object.keys(terms));

/**
 * Weighted keyword rules over jieba words (data/terms/classifier-terms.json), title words counting
 * more; the confidence is the softmax probability of the winning class, so a text whose best category barely
 * beats another, or beats nothing but the OTHER baseline, gets a low one. Written by hand from the
 * shared sample; the learned model weighs its verdict as one more feature (classifier-model.ts).
 */
export class TermClassifier {
  /** @param segmenter one that knows TERM_VOCABULARY */
  constructor(private readonly segmenter = new Segmenter(TERM_VOCABULARY)) {}

  /**
   * @param givenNature the nature the registrar or the petitioner stated (an online accusation):
   *   taken as it is, with full confidence, and the category is decided in its light.
   */
  classify(title: string, content: string, givenNature?: Nature): TermVerdict {
    return this.classifyWords(
      this.segmenter.words(title),
      this.segmenter.words(content),
      givenNature,
    );
  }

  /** The same, on words already cut by a segmenter that knows TERM_VOCABULARY. */
  classifyWords(
    titleWords: ReadonlyMap<string, number>,
    contentWords: ReadonlyMap<string, number>,
    givenNature?: Nature,
  ): TermVerdict {
    const words = [...new Set([...titleWords.keys(), ...contentWords.keys()])];
    const score = (terms: WeightedTerms): Scored =>
      scoreTerms(terms, words, titleWords, contentWords);

    const natureScores = new Map<Nature, Scored>(Natures.map((n) => [n, score(NATURE_TERMS[n])]));
    const request = natureScores.get('REQUEST');
    if (request) request.score += NATURE_PRIOR;
    const nature = givenNature ?? best(natureScores);
    const natureConfidence = givenNature ? 1 : softmaxOf(natureScores, nature, NATURE_TEMPERATURE);

    const categoryScores = new Map<Category, Scored>();
    for (const category of Categories) {
      categoryScores.set(
        category,
        category === 'OTHER' ? score(OTHER_TERMS) : score(CATEGORY_TERMS[category]),
      );
    }
    const other = categoryScores.get('OTHER');
    if (other) other.score += OTHER_BASELINE;
    const discipline = categoryScores.get('DISCIPLINE');
    if (discipline && nature === 'ACCUSATION') {
      // Accusing an official is a discipline matter whatever the subject (信访工作条例 分类处理).
      // An official the title names is the accused, so counts twice.
      const officials = score(OFFICIAL_TERMS);
      const namedInTitle = scoreTerms(
        OFFICIAL_TERMS,
        [...titleWords.keys()],
        titleWords,
        new Map(),
      ).score;
      discipline.score += (officials.score + namedInTitle) * ACCUSED_OFFICIAL_FACTOR;
      discipline.matches.push(
        ...officials.matches.map(({ term, score }) => ({
          term: `举报+${term}`,
          score: score * ACCUSED_OFFICIAL_FACTOR,
        })),
      );
    }
    for (const [code, scored] of categoryScores) {
      if (code !== 'OTHER' && scored.matches.length === 0) scored.score = -NO_EVIDENCE_PENALTY;
    }
    const category = best(categoryScores);
    const categoryConfidence = softmaxOf(categoryScores, category, CATEGORY_TEMPERATURE);

    const unclear = score(UNCLEAR_TERMS);
    const clarity = Math.exp(-unclear.score / UNCLEAR_SCALE);
    const confidence = natureConfidence * categoryConfidence * clarity;

    const natureEvidence = givenNature ? ['(given)'] : evidence(natureScores.get(nature));
    const categoryEvidence = evidence(categoryScores.get(category));
    return {
      nature,
      category,
      confidence: Math.round(confidence * 1000) / 1000,
      evidence: {
        nature: natureEvidence.length > 0 ? natureEvidence : ['(no accusation or suggestion term)'],
        category: [
          ...(categoryEvidence.length > 0 ? categoryEvidence : ['(no category term)']),
          ...unclear.matches.map(({ term }) => `unclear:${term}`),
        ],
      },
    };
  }
}

/** Each matching term's weight, times TITLE_WEIGHT in the title plus 1 + ln(count) in the body. */
function scoreTerms(
  terms: WeightedTerms,
  words: readonly string[],
  title: ReadonlyMap<string, number>,
  content: ReadonlyMap<string, number>,
): Scored {
  const matches: Match[] = [];
  let total = 0;
  // The text's words, not the table's terms: a petition has a few hundred, a table thousands.
  for (const term of words) {
    const weight = Object.hasOwn(terms, term) ? terms[term] : undefined;
    if (weight === undefined) continue;
    const inContent = content.get(term) ?? 0;
    // Sublinear: a long petition repeating a word is not that much more about it.
    const hits =
      (title.has(term) ? TITLE_WEIGHT : 0) + (inContent > 0 ? 1 + Math.log(inContent) : 0);
    if (hits === 0) continue;
    matches.push({ term, score: weight * hits });
    total += weight * hits;
  }
  return { score: total, matches };
}

function best<K>(scores: ReadonlyMap<K, Scored>): K {
  let winner: K | undefined;
  let top = -Infinity;
  // Ties go to the first in declaration order (REQUEST, then the categories as listed).
  for (const [key, { score }] of scores) {
    if (score > top) {
      top = score;
      winner = key;
    }
  }
  if (winner === undefined) throw new Error('no classes to choose from');
  return winner;
}

function softmaxOf<K>(scores: ReadonlyMap<K, Scored>, chosen: K, temperature: number): number {
  const top = Math.max(...[...scores.values()].map(({ score }) => score));
  let sum = 0;
  for (const { score } of scores.values()) sum += Math.exp((score - top) / temperature);
  return Math.exp(((scores.get(chosen)?.score ?? top) - top) / temperature) / sum;
}

function evidence(scored: Scored | undefined): string[] {
  if (!scored) return [];
  return [...scored.matches]
    .sort((a, b) => b.score - a.score)
    .slice(0, EVIDENCE_TERMS)
    .map(({ term }) => term);
}
