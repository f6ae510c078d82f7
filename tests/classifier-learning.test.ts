import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { classifierTrain } from '../apps/cli/src/commands/classifier-train.js';
import { ClassifierModel } from '../apps/routing/src/classification/classifier-model.js';
import { eventually } from './support/eventually.js';
import { distinctPetitioner, login, request } from './support/http.js';
import { withSystem } from './support/system.js';

interface QueueItem {
  caseNo: string;
  suggestions: {
    nature: string;
    category: string;
    probability: number;
    evidence: string[];
    unitCode: string | null;
  }[];
  modelVersion: string | null;
  accusedParties: unknown[];
}

/** A bureau's own past cases, in the fixture format. */
function labelledFile(dir: string) {
  const lines = [
    ...['工地老板拖欠工资不发', '包工头欠薪跑路了', '公司拖欠半年工资', '厂里欠工资还不签合同'].map(
      (title, i) => ({ title, category: 'LABOR_SOCIAL_SECURITY', id: `W${i}` }),
    ),
    ...['开发商逾期不交房', '小区烂尾停工两年', '商品房办不了房产证', '期房停工何时复工'].map(
      (title, i) => ({ title, category: 'HOUSING', id: `H${i}` }),
    ),
  ].map(({ id, title, category }) =>
    JSON.stringify({
      id,
      title,
      content: `${title}，请政府督促解决。`,
      divisionCode: '510903012',
      expected: { nature: 'REQUEST', category, routeDivisionCode: '510903', triage: false },
    }),
  );
  const path = join(dir, 'bureau-cases.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * The dispatcher's side of the classifier: the triage queue offers its three best readings with
 * their units and evidence, each decision is kept as a labelled example, and `classifier:train`
 * learns from the decisions and a bureau's own files, writing a versioned model.
 */
describe('learning from the people who use it', { timeout: 240_000 }, () => {
  const sut = withSystem({ demo: true });
  let registrar: string;
  let dispatcher: string;

  before(async () => {
    registrar = await login(sut.system.routing.url, 'suining.registrar');
    dispatcher = await login(sut.system.routing.url, 'suining.supervisor');
  });

  it('offers the dispatcher three readings with units, keeps the decision, and trains on it', async () => {
    const registered = await request<{ caseNo: string }>(
      'POST',
      `${sut.system.intake.url}/api/v1/petitions`,
      {
        token: registrar,
        body: {
          title: '我要反映情况',
          content: '就是那个事情，说了好几次了，到现在还是那个样子，你们到底管不管。',
          divisionCode: '510903',
          address: '遂宁市船山区',
          personCount: 1,
          channel: 'VISIT',
          petitioners: [distinctPetitioner(8101)],
        },
      },
    );
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const { caseNo } = registered.body;
    const item = await eventually(async () => {
      const queue = await request<{ items: QueueItem[] }>(
        'GET',
        `${sut.system.routing.url}/api/v1/triage`,
        { token: dispatcher },
      );
      return queue.body.items.find((i) => i.caseNo === caseNo);
    }, 'the vague petition in the triage queue');
    assert.equal(item.modelVersion, ClassifierModel.load().version);
    assert.equal(item.suggestions.length, 3);
    assert.deepEqual(item.accusedParties, []);
    for (const s of item.suggestions) {
      assert.ok(s.probability >= 0 && s.probability <= 1);
      assert.ok(Array.isArray(s.evidence));
    }
    const { rows: recorded } = await sut.env.db.query<{ model_version: string }>(
      `SELECT c.model_version FROM routing.classification c
       JOIN routing.case_file f ON f.petition_id = c.petition_id WHERE f.case_no = $1`,
      [caseNo],
    );
    assert.equal(recorded[0]?.model_version, item.modelVersion);

    // One click: the dispatcher decides; the decision is kept as a labelled example.
    const decided = await request(
      'POST',
      `${sut.system.routing.url}/api/v1/triage/${caseNo}/decision`,
      {
        token: dispatcher,
        body: { nature: 'REQUEST', category: 'LABOR_SOCIAL_SECURITY', unitCode: '510903-RSJ' },
      },
    );
    assert.equal(decided.status, 200, JSON.stringify(decided.body));

    const dir = mkdtempSync(join(tmpdir(), 'classifier-'));
    const out = join(dir, 'model.json');
    const { path, model } = await classifierTrain(sut.env.config, {
      files: [labelledFile(dir)],
      corpus: false,
      corrections: true,
      calibration: 2,
      out,
      options: { epochs: 40, minDocuments: 1 },
    });
    assert.equal(path, out);
    assert.ok(existsSync(out));
    assert.match(model.version, /^\d{4}-\d{2}-\d{2}\.[0-9a-f]{10}$/);
    assert.deepEqual(
      model.trainedOn.map((s) => [s.source.replace(dir, ''), s.examples]),
      [
        ['/bureau-cases.jsonl', 8],
        ['dispatcher decisions', 1],
      ],
    );
    assert.match(model.calibratedOn, /2-fold/);
    const trained = ClassifierModel.load(out);
    assert.equal(trained.version, model.version);
    // The dispatcher's case is something the model has now read.
    assert.ok(trained.file.features.includes('t:反映'));
  });
});
