/**
 * Routes labelled petitions in-process (no services) with a classifier model and prints the
 * routing figures (routing-figures.ts). Trains the model first as `classifier:train` would, or
 * loads one:
 *
 *   npm run eval:classifier -- --calibrate dev --report data/corpus/batch-4.jsonl,data/corpus/batch-5.jsonl
 *   npm run eval:classifier -- --model data/models/petition-classifier.json --report FILE
 */
import { parseArgs } from 'node:util';
import { PetitionRouter } from '../../apps/routing/src/assignments/petition-router.js';
import {
  ClassifierModel,
  PetitionFeatures,
} from '../../apps/routing/src/classification/classifier-model.js';
import { readLabelledFile } from '../../apps/routing/src/classification/labelled-file.js';
import { demoDirectory } from '../../apps/routing/src/units/demo-directory.js';
import { classifierTrain } from '../../apps/cli/src/commands/classifier-train.js';
import { routingFigures, type RoutingResult } from './routing-figures.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string' },
    calibrate: { type: 'string', default: 'dev' },
    report: { type: 'string' },
    options: { type: 'string', default: '{}' },
    out: { type: 'string', default: '/tmp/xinfang-eval-model.json' },
  },
});
if (!values.report) {
  process.stderr.write(
    'usage: eval:classifier -- [--model FILE | --calibrate dev|N [FILE...]] --report a.jsonl[,b.jsonl]\n',
  );
  process.exit(64);
}
const features = new PetitionFeatures();
let model: ClassifierModel;
if (values.model) {
  model = ClassifierModel.load(values.model, features);
} else {
  const started = performance.now();
  const { model: file } = await classifierTrain(
    { DATABASE_URL: 'postgres://unused' },
    {
      files: positionals,
      corpus: true,
      corrections: false,
      calibration: values.calibrate === 'dev' ? 'dev' : Number(values.calibrate),
      out: values.out,
      options: JSON.parse(values.options) as object,
    },
  );
  model = ClassifierModel.fromFile(file, features);
  process.stdout.write(
    `trained in ${Math.round((performance.now() - started) / 1000)} s on ${file.trainedOn.map((s) => `${s.source} (${s.examples})`).join(', ')}\n`,
  );
}
process.stdout.write(
  `model ${model.version}, ${model.file.features.length} features, calibrated on ${model.file.calibratedOn}, threshold ${model.autoRouteThreshold}\n`,
);
const router = new PetitionRouter(model);
const units = demoDirectory();
for (const path of values.report.split(',')) {
  const results: RoutingResult[] = readLabelledFile(path).map((fixture) => {
    const { classification, decision } = router.route(
      {
        divisionCode: fixture.divisionCode,
        title: fixture.title,
        content: fixture.content,
        nature: null,
        category: null,
      },
      units,
    );
    const assigned = decision.outcome === 'assign' ? decision : null;
    return {
      fixture,
      nature: classification?.nature ?? null,
      category: classification?.category ?? null,
      confidence: classification?.confidence ?? null,
      lead: assigned?.lead.unit ?? null,
      coHandlers: assigned?.coHandlers.map((c) => c.unit.code) ?? [],
      rule: assigned?.lead.rule ?? null,
    };
  });
  process.stdout.write(
    `\n== ${path} (${results.length} petitions)\n${routingFigures(results).join('\n')}\n`,
  );
}
