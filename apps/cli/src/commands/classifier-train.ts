import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '#common';
import { chooseAutoRouteThreshold } from '../../../routing/src/assignments/auto-route-threshold.js';
import {
  type ClassifierModelFile,
  DEFAULT_MODEL_OPTIONS,
  type ModelOptions,
  PetitionFeatures,
} from '../../../routing/src/classification/classifier-model.js';
import {
  type Calibration,
  trainClassifierModel,
  type TrainingSource,
} from '../../../routing/src/classification/classifier-training.js';
import {
  type LabelledFixture,
  readLabelledFile,
} from '../../../routing/src/classification/labelled-file.js';
import { TrainingExamplesRepository } from '../../../routing/src/classification/training-examples.repository.js';
import type { CandidateUnit } from '../../../routing/src/assignments/routing-policy.js';
import { routingData } from '../../../routing/src/database/routing-data.js';
import { Unit } from '../../../routing/src/database/unit.entity.js';
import { demoDirectory } from '../../../routing/src/units/demo-directory.js';
import { withDataSource } from '../service-data.js';

/** The project's labelled corpus and its splits (data/corpus/README.md). */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../../data/corpus/', import.meta.url));
export const CORPUS_SPLITS = {
  train: [
    'batch-1.jsonl',
    'batch-2.jsonl',
    'batch-6.jsonl',
    'batch-7.jsonl',
    'batch-8.jsonl',
    'batch-9.jsonl',
    'batch-11.jsonl',
    'batch-12.jsonl',
    'batch-13.jsonl',
  ],
  dev: ['batch-4.jsonl', 'batch-5.jsonl'],
  test: ['batch-3.jsonl', 'batch-10.jsonl'],
} as const;

export const corpusSplit = (
  split: keyof typeof CORPUS_SPLITS,
): TrainingSource<LabelledFixture> => ({
  source: `data/corpus ${split} (${CORPUS_SPLITS[split].join(', ')})`,
  examples: CORPUS_SPLITS[split].flatMap((file) => readLabelledFile(join(CORPUS_DIR, file))),
});

export interface ClassifierTrainOptions {
  /** More labelled files: a bureau's past cases, other fixtures. */
  files: string[];
  /** Leave out the corpus (a bureau that trains on its own cases only). */
  corpus: boolean;
  /** Learn from the dispatchers' triage decisions in the database. */
  corrections: boolean;
  /**
   * `dev`: fit on the corpus train split and the files, calibrate on the dev split; a number:
   * fit on everything (dev split included), calibrate out of fold.
   */
  calibration: 'dev' | number;
  out?: string;
  options?: Partial<ModelOptions>;
}

/**
 * Trains a classifier model from the corpus, labelled files and the dispatchers' decisions, and
 * writes it as a versioned file. The services use it when CLASSIFIER_MODEL names it.
 */
export async function classifierTrain(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  options: ClassifierTrainOptions,
): Promise<{ path: string; model: ClassifierModelFile }> {
  const sources: TrainingSource<LabelledFixture>[] = [];
  if (options.corpus) {
    sources.push(corpusSplit('train'));
    if (options.calibration !== 'dev') sources.push(corpusSplit('dev'));
  }
  for (const file of options.files)
    sources.push({ source: file, examples: readLabelledFile(file) });
  // The bureau's own directory tells where its petitions should go; the demo's without a database.
  let units: CandidateUnit[] = demoDirectory();
  if (options.corrections) {
    const stored = await withDataSource(config, routingData, async (dataSource) => ({
      decisions: await new TrainingExamplesRepository(dataSource.manager).dispatcherDecisions(),
      units: await dataSource.getRepository(Unit).find(),
    }));
    sources.push({ source: 'dispatcher decisions', examples: stored.decisions });
    if (stored.units.length > 0) units = stored.units;
  }
  if (sources.every((s) => s.examples.length === 0))
    throw new Error('no labelled petitions to learn from');
  const calibration: Calibration<LabelledFixture> =
    options.calibration === 'dev'
      ? { heldOut: corpusSplit('dev') }
      : { folds: options.calibration };
  const model = trainClassifierModel(
    sources,
    calibration,
    (runs) => chooseAutoRouteThreshold(runs, units),
    { ...DEFAULT_MODEL_OPTIONS, ...options.options },
    new PetitionFeatures(),
  );
  const path = options.out ?? join('data', 'models', `petition-classifier-${model.version}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(model)}\n`);
  return { path, model };
}
