import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Categories, Natures, type Category, type Nature } from '#common';
import { FeatureSpace, petitionTokens, readingTokens } from './matter-features.js';
import { MatterReader, type MatterReading, type PlaceNames } from './matter-reader.js';
import { normalisePetitionText } from './petition-text.js';
import { Segmenter } from './segmenter.js';
import {
  fitTemperature,
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
}

export interface ModelOptions extends TrainingOptions {
  /** A feature must occur in this many training texts. */
  minDocuments: number;
}

/** Chosen on the dev split (`npm run eval:classifier -- --train … --dev …`); docs/routing.md. */
export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  l2: 1e-4,
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
type Head = z.infer<typeof headSchema>;

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
type HeadName = 'nature' | 'category' | 'level';
const HEADS: readonly HeadName[] = ['nature', 'category', 'level'];

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

function regressionOf(head: Head, dimensions: number) {
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

/** A named set of labelled petitions, for the record of what a model learned from. */
export interface TrainingSource<E extends LabelledPetition = LabelledPetition> {
  source: string;
  examples: readonly E[];
}

/** How the temperature and threshold are chosen: on a held-out split, or out of fold. */
export type Calibration<E extends LabelledPetition> =
  { heldOut: TrainingSource<E> } | { folds: number };

/** Held-out petitions, and a calibrated model that did not learn from them. */
export interface HeldOutRun<E extends LabelledPetition> {
  model: ClassifierModel;
  heldOut: readonly E[];
}

const CLASSES: Record<HeadName, readonly string[]> = {
  nature: Natures,
  category: Categories,
  level: MatterLevels,
};

const labelOf = (head: HeadName, e: LabelledPetition): string | null =>
  head === 'level' ? e.level : e[head];

/**
 * Trains the nature, category and level heads, calibrates their temperatures and chooses the
 * auto-routing threshold on petitions the calibrated model did not learn from: a held-out split,
 * or with `folds`, each fold predicted by a model trained on the others (the shipped model is
 * then trained on everything).
 */
export function trainClassifierModel<E extends LabelledPetition>(
  training: readonly TrainingSource<E>[],
  calibration: Calibration<E>,
  chooseThreshold: (runs: readonly HeldOutRun<E>[]) => number,
  options: ModelOptions = DEFAULT_MODEL_OPTIONS,
  features = new PetitionFeatures(),
  now = new Date(),
): ClassifierModelFile {
  const examples = training.flatMap((s) => s.examples);
  const read = examples.map((e) => features.labelled(e));
  const tokens = read.map((r) => r.tokens);
  const fired = examples.filter((_, i) => (read[i]?.reading.accusedOfficials.length ?? 0) > 0);
  // Laplace-smoothed: a handful of training petitions cannot make it certain.
  const accusedOfficialPrecision =
    (fired.filter((e) => e.category === 'DISCIPLINE').length + 1) / (fired.length + 2);
  const splits =
    'heldOut' in calibration
      ? [
          {
            fit: tokens.map((_, i) => i),
            heldOut: calibration.heldOut.examples,
            heldTokens: calibration.heldOut.examples.map((e) => features.labelled(e).tokens),
          },
        ]
      : Array.from({ length: calibration.folds }, (_, fold) => ({
          fit: tokens.flatMap((_, i) => (i % calibration.folds === fold ? [] : [i])),
          heldOut: examples.filter((_, i) => i % calibration.folds === fold),
          heldTokens: tokens.filter((_, i) => i % calibration.folds === fold),
        }));
  const fitted = splits.map((split) => {
    const file = fitModelFile(
      split.fit.map((i) => examples[i] as E),
      split.fit.map((i) => tokens[i] as Map<string, number>),
      options,
    );
    const space = new FeatureSpace(file.features);
    const model = ClassifierModel.fromFile(file, features);
    return { file, split, vectors: split.heldTokens.map((t) => space.vector(t)), model };
  });
  const temperatures = Object.fromEntries(
    HEADS.map((head) => {
      const logits: Float64Array[] = [];
      const labels: number[] = [];
      for (const { file, split, vectors } of fitted) {
        const regression = regressionOf(file[head], file.features.length);
        split.heldOut.forEach((e, i) => {
          const label = labelOf(head, e);
          const x = vectors[i];
          if (label === null || !x) return;
          logits.push(regression.scores(x));
          labels.push(CLASSES[head].indexOf(label));
        });
      }
      return [head, logits.length > 0 ? fitTemperature(logits, labels) : 1];
    }),
  ) as Record<HeadName, number>;
  const calibrated = (file: ClassifierModelFile) => {
    for (const head of HEADS) file[head].temperature = temperatures[head];
    file.accusedOfficialPrecision = accusedOfficialPrecision;
    return ClassifierModel.fromFile(file, features);
  };
  const threshold = chooseThreshold(
    fitted.map(({ file, split }) => ({ model: calibrated(file), heldOut: split.heldOut })),
  );
  const final =
    'heldOut' in calibration
      ? (fitted[0]?.file as ClassifierModelFile)
      : fitModelFile(examples, tokens, options);
  for (const head of HEADS) final[head].temperature = temperatures[head];
  const calibratedOn =
    'heldOut' in calibration
      ? calibration.heldOut.source
      : `${calibration.folds}-fold out-of-fold predictions over the training sources`;
  const digest = createHash('sha256')
    .update(
      JSON.stringify({
        options,
        training: training.map(digestOf),
        calibratedOn,
        heldOut: 'heldOut' in calibration ? digestOf(calibration.heldOut) : null,
      }),
    )
    .digest('hex');
  return {
    ...final,
    version: `${now.toISOString().slice(0, 10)}.${digest.slice(0, 10)}`,
    trainedAt: now.toISOString(),
    trainedOn: training.map((s) => ({
      source: s.source,
      examples: s.examples.length,
      sha256: digestOf(s),
    })),
    calibratedOn,
    autoRouteThreshold: threshold,
    accusedOfficialPrecision,
  };
}

/** Fits the three heads on labelled petitions; temperatures 1, no threshold yet. */
function fitModelFile(
  examples: readonly LabelledPetition[],
  tokens: readonly Map<string, number>[],
  options: ModelOptions,
): ClassifierModelFile {
  const space = FeatureSpace.fromTokens(tokens, options.minDocuments);
  const vectors = tokens.map((t) => space.vector(t));
  const head = (name: HeadName): Head => {
    const rows = examples.flatMap((e, i) => {
      const label = labelOf(name, e);
      const x = vectors[i];
      return label === null || !x ? [] : [{ x, y: CLASSES[name].indexOf(label) }];
    });
    const regression = SoftmaxRegression.train(
      rows.map((r) => r.x),
      rows.map((r) => r.y),
      CLASSES[name].length,
      space.size,
      options,
    );
    return {
      classes: [...CLASSES[name]],
      weights: Buffer.from(
        regression.weights.buffer,
        regression.weights.byteOffset,
        regression.weights.byteLength,
      ).toString('base64'),
      bias: [...regression.bias],
      temperature: 1,
    };
  };
  return {
    format: 'xinfang-petition-classifier/1',
    version: 'unversioned',
    trainedAt: '',
    trainedOn: [],
    options: { ...options },
    calibratedOn: '',
    autoRouteThreshold: 1,
    accusedOfficialPrecision: 0,
    features: [...space.features],
    nature: head('nature'),
    category: head('category'),
    level: head('level'),
  };
}

const digestOf = (source: TrainingSource) =>
  createHash('sha256')
    .update(
      JSON.stringify(
        source.examples.map((e) => [e.title, e.content, e.nature, e.category, e.level]),
      ),
    )
    .digest('hex');
