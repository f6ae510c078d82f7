import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Category, Nature } from '#common';
import { FeatureSpace, petitionTokens, readingTokens } from './matter-features.js';
import { MatterReader, type MatterReading, type PlaceNames } from './matter-reader.js';
import { normalisePetitionText } from './petition-text.js';
import { Segmenter } from './segmenter.js';
import {
  SoftmaxRegression,
  type SparseVector,
  type TrainingOptions,
} from './softmax-regression.js';
import { TERM_VOCABULARY, TermClassifier } from './term-classifier.js';

/** The model shipped with the code; `CLASSIFIER_MODEL` names another (one `classifier:train` wrote). */
export const DEFAULT_MODEL_PATH = new URL(
  '../../../../../data/models/petition-classifier.json',
  import.meta.url,
);

/** The level of government whose unit should lead: the county's or the prefecture's (分级负责). */
export const MatterLevels = ['COUNTY', 'PREFECTURE'] as const;
export type MatterLevel = (typeof MatterLevels)[number];

/** A labelled petition: the corpus, a bureau's past cases, a dispatcher's decision. */
export interface LabelledPetition {
  title: string;
  content: string;
  nature: Nature;
  category: Category;
  /** Null when the place itself is the prefecture's: then the text says nothing of the level. */
  level: MatterLevel | null;
  /** Too unclear to route without a person: learnt as no department's matter (OTHER). */
  triage?: boolean;
}

export interface ModelOptions extends TrainingOptions {
  /** A feature must occur in this many training texts. */
  minDocuments: number;
}

/** Chosen on the dev split (l2 1e-4, 3e-5, 1e-5; `npm run eval:classifier`); docs/routing.md. */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  l2: 1e-5,
  epochs: 150,
  learningRate: 0.05,
  minDocuments: 2,
};

// How strongly the term tables' verdict speaks: its feature is e^(weight × confidence) − 1, so a
// sure verdict counts far more than a hesitant one. Chosen on the dev split (1, 3, 6, 10, 15).
const TERM_VERDICT_WEIGHT = 6;

const headSchema = z.strictObject({
  classes: z.array(z.string()),
  /** Float32 weights, class-major, base64. */
  weights: z.string(),
  bias: z.array(z.number()),
  /** Calibration on held-out petitions: logits are divided by it. */
  temperature: z.number().positive(),
});
export type Head = z.infer<typeof headSchema>;

const modelFileSchema = z.strictObject({
  format: z.literal('xinfang-petition-classifier/1'),
  /** Date and a digest of the training data and options: one version is one exact model. */
  version: z.string().min(1),
  trainedAt: z.string(),
  trainedOn: z.array(z.strictObject({ source: z.string(), examples: z.int(), sha256: z.string() })),
  options: z.strictObject({
    l2: z.number(),
    epochs: z.int(),
    learningRate: z.number(),
    minDocuments: z.int(),
  }),
  /** The held-out petitions the temperature and threshold were chosen on. */
  calibratedOn: z.string(),
  /** Below this probability that the unit is right, a person decides (triage). */
  autoRouteThreshold: z.number().min(0).max(1),
  /**
   * How often, in the training petitions, an official the phrase rules found accused was in a
   * petition labelled a discipline matter: the confidence of that legal principle, smoothed.
   */
  accusedOfficialPrecision: z.number().min(0).max(1),
  features: z.array(z.string()),
  nature: headSchema,
  category: headSchema,
  level: headSchema,
});
export type ClassifierModelFile = z.infer<typeof modelFileSchema>;

/** A class with its probability and the features that spoke most for it. */
export interface Scored<K extends string> {
  code: K;
  probability: number;
  evidence: string[];
}

export interface ModelReading {
  /** Each most probable first. */
  natures: Scored<Nature>[];
  categories: Scored<Category>[];
  levels: Scored<MatterLevel>[];
}

const EVIDENCE_FEATURES = 6;
// The categories a dispatcher is offered, each with its evidence (classifier.ts).
const SUGGESTED = 3;
export type HeadName = 'nature' | 'category' | 'level';
export const HEADS: readonly HeadName[] = ['nature', 'category', 'level'];

/**
 * What the model reads in a petition: words and character bigrams (matter-features.ts), what the
 * phrase rules found (matter-reader.ts) and the term tables' verdict. One per process: it holds
 * jieba's dictionary.
 */
export class PetitionFeatures {
  private readonly terms: TermClassifier;

  constructor(private readonly segmenter = new Segmenter(TERM_VOCABULARY)) {
    this.terms = new TermClassifier(segmenter);
  }

  /** @param title, content normalised (normalisePetitionText) */
  tokens(title: string, content: string, reading: MatterReading): Map<string, number> {
    const words = { title: this.segmenter.words(title), content: this.segmenter.words(content) };
    const tokens = petitionTokens(words, title, content);
    for (const [token, count] of readingTokens(reading)) tokens.set(token, count);
    const verdict = this.terms.classifyWords(words.title, words.content);
    const strength = Math.expm1(TERM_VERDICT_WEIGHT * verdict.confidence);
    if (strength > 0) {
      tokens.set(`k:${verdict.category}`, strength);
      tokens.set(`kn:${verdict.nature}`, strength);
    }
    return tokens;
  }

  /** A labelled petition's tokens and reading; neither depends on the place. */
  labelled(e: LabelledPetition): { tokens: Map<string, number>; reading: MatterReading } {
    const title = normalisePetitionText(e.title);
    const content = normalisePetitionText(e.content);
    const reading = reader.read(title, content, ANY_PLACE);
    return { tokens: this.tokens(title, content, reading), reading };
  }
}

const ANY_PLACE: PlaceNames = { prefecture: null, county: null, countyIsCity: false };
const reader = new MatterReader();

/**
 * The learned half of routing: nature, category and level probabilities from logistic
 * regressions over the petition's features, each calibrated by temperature on held-out
 * petitions. Load once per process.
 */
export class ClassifierModel {
  private readonly space: FeatureSpace;
  private readonly heads: Record<HeadName, SoftmaxRegression>;

  private constructor(
    readonly file: ClassifierModelFile,
    private readonly features: PetitionFeatures,
  ) {
    this.space = new FeatureSpace(file.features);
    this.heads = {
      nature: regressionOf(file.nature, this.space.size),
      category: regressionOf(file.category, this.space.size),
      level: regressionOf(file.level, this.space.size),
    };
  }

  static fromFile(file: ClassifierModelFile, features = new PetitionFeatures()): ClassifierModel {
    return new ClassifierModel(modelFileSchema.parse(file), features);
  }

  static load(path: string | URL = DEFAULT_MODEL_PATH, features?: PetitionFeatures) {
    return ClassifierModel.fromFile(
      JSON.parse(readFileSync(path, 'utf8')) as ClassifierModelFile,
      features,
    );
  }

  get version() {
    return this.file.version;
  }

  get autoRouteThreshold() {
    return this.file.autoRouteThreshold;
  }

  get accusedOfficialPrecision() {
    return this.file.accusedOfficialPrecision;
  }

  /** @param title, content normalised (normalisePetitionText) */
  read(title: string, content: string, reading: MatterReading): ModelReading {
    const x = this.space.vector(this.features.tokens(title, content, reading));
    return {
      natures: this.scored('nature', x, 1) as Scored<Nature>[],
      categories: this.scored('category', x, SUGGESTED) as Scored<Category>[],
      levels: this.scored('level', x, 1) as Scored<MatterLevel>[],
    };
  }

  /** Every class, most probable first; evidence for the first `explained` only (it costs a sort). */
  private scored(head: HeadName, x: SparseVector, explained: number) {
    const model = this.heads[head];
    const { classes, temperature } = this.file[head];
    const p = model.probabilities(x, temperature);
    return classes
      .map((code, c) => ({ code, c, probability: p[c] ?? 0 }))
      .sort((a, b) => b.probability - a.probability)
      .map(({ code, c, probability }, rank) => ({
        code,
        probability,
        evidence:
          rank >= explained
            ? []
            : model
                // Single characters (的, 他) weigh in the model but explain nothing to a person.
                .strongest(
                  x,
                  c,
                  EVIDENCE_FEATURES,
                  (f) => (this.space.features[f]?.length ?? 0) > 3,
                )
                .map(({ feature }) => readable(this.space.features[feature] ?? '')),
      }));
  }
}

/** w:工资 → 工资; t:工资 → 标题:工资; b:欠薪 → 欠薪; r:… and k:… as they are. */
const readable = (feature: string) => {
  if (feature.startsWith('t:')) return `标题:${feature.slice(2)}`;
  return feature.startsWith('w:') || feature.startsWith('b:') ? feature.slice(2) : feature;
};

export function regressionOf(head: Head, dimensions: number) {
  const bytes = Buffer.from(head.weights, 'base64');
  const weights = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (weights.length !== head.classes.length * dimensions) {
    throw new Error(
      `classifier model: ${weights.length} weights for ${head.classes.length} classes`,
    );
  }
  return new SoftmaxRegression(
    head.classes.length,
    dimensions,
    Float32Array.from(weights),
    Float32Array.from(head.bias),
  );
}
