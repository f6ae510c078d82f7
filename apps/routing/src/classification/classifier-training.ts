import { createHash } from 'node:crypto';
import { Categories, Natures } from '#common';
import {
  ClassifierModel,
  type ClassifierModelFile,
  DEFAULT_MODEL_OPTIONS,
  type Head,
  HEADS,
  type HeadName,
  type LabelledPetition,
  MatterLevels,
  type ModelOptions,
  PetitionFeatures,
  regressionOf,
} from './classifier-model.js';
import { FeatureSpace } from './matter-features.js';
import { fitTemperature, SoftmaxRegression } from './softmax-regression.js';

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

// An unclear petition's category is the writer's guess; what the model should learn from it is
// that such a text names no department's matter, so that it goes to a person.
const labelOf = (head: HeadName, e: LabelledPetition): string | null =>
  head === 'level' ? e.level : head === 'category' && e.triage ? 'OTHER' : e[head];

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
        source.examples.map((e) => [
          e.title,
          e.content,
          e.nature,
          e.category,
          e.level,
          e.triage ?? false,
        ]),
      ),
    )
    .digest('hex');
