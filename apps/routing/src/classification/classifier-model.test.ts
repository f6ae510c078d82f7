import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Category, Nature } from '#common';
import { ClassifierModel, type LabelledPetition } from './classifier-model.js';
import { trainClassifierModel } from './classifier-training.js';
import { NOTHING_READ } from './matter-reading.fixture.js';

const petition = (
  category: Category,
  text: string,
  nature: Nature = 'REQUEST',
): LabelledPetition => ({
  title: text.slice(0, 8),
  content: text,
  nature,
  category,
  level: 'COUNTY',
});

// A tiny labelled set: enough to see the pipeline fit, calibrate and choose a threshold.
const WAGES = [
  '老板拖欠工资三个月不发',
  '工地欠薪包工头跑了',
  '厂里不发工资还不签劳动合同',
  '讨要拖欠的农民工工资',
  '公司欠我半年工资',
];
const HOUSING = [
  '开发商逾期不交房',
  '小区烂尾楼停工两年',
  '买的商品房一直办不了房产证',
  '交房延期开发商不赔偿',
  '期房停工何时复工交房',
];
const SCHOOL = [
  '学校乱收补课费',
  '孩子入学被拒',
  '学校食堂饭菜质量差',
  '老师体罚学生',
  '学区划分不合理孩子上不了学',
];
const examples = [
  ...WAGES.map((t) => petition('LABOR_SOCIAL_SECURITY', t)),
  ...HOUSING.map((t) => petition('HOUSING', t)),
  ...SCHOOL.map((t) => petition('EDUCATION', t)),
];

const reading = NOTHING_READ;

describe('trainClassifierModel', () => {
  it('fits, calibrates out of fold, and records what it learned from', () => {
    let runs = 0;
    const file = trainClassifierModel(
      [{ source: 'tiny', examples }],
      { folds: 3 },
      (held) => {
        runs = held.length;
        // Every held-out petition is one the fold's model did not learn from.
        assert.equal(
          held.reduce((n, run) => n + run.heldOut.length, 0),
          examples.length,
        );
        return 0.6;
      },
      { l2: 1e-4, epochs: 100, learningRate: 0.1, minDocuments: 1 },
      undefined,
      new Date('2026-12-07T00:00:00Z'),
    );
    assert.equal(runs, 3);
    assert.match(file.version, /^2026-12-07\.[0-9a-f]{10}$/);
    assert.deepEqual(
      file.trainedOn.map((s) => [s.source, s.examples]),
      [['tiny', 15]],
    );
    assert.equal(file.autoRouteThreshold, 0.6);
    assert.ok(file.category.temperature > 0);

    const model = ClassifierModel.fromFile(file);
    assert.equal(
      model.read('拖欠工资', '包工头欠工资不发', reading).categories[0]?.code,
      'LABOR_SOCIAL_SECURITY',
    );
    assert.equal(model.read('交房', '开发商逾期不交房', reading).categories[0]?.code, 'HOUSING');
  });

  it('learns an unclear petition as no department’s matter, whatever category its writer guessed', () => {
    const unclear = [
      '字迹潦草无法辨认',
      '来电挂断事项不明',
      '诉求不清无法辨认',
      '来信内容不清不明',
    ];
    const train = (flag: boolean) =>
      trainClassifierModel(
        [
          {
            source: 'tiny',
            examples: [
              ...examples,
              ...unclear.map((t) => ({ ...petition('HOUSING', t), triage: flag })),
            ],
          },
        ],
        { folds: 2 },
        () => 0.5,
        { l2: 1e-4, epochs: 100, learningRate: 0.1, minDocuments: 1 },
        undefined,
        new Date('2026-12-07T00:00:00Z'),
      );
    const category = (file: ReturnType<typeof train>) =>
      ClassifierModel.fromFile(file).read('来信', '字迹潦草事项不明', reading).categories[0]?.code;
    assert.equal(category(train(true)), 'OTHER');
    assert.equal(category(train(false)), 'HOUSING');
    // The flag is part of what the model learned from, so of its version.
    assert.notEqual(train(true).version, train(false).version);
  });

  it('gives the same version for the same data and options, another for other data', () => {
    const train = (data: LabelledPetition[]) =>
      trainClassifierModel(
        [{ source: 's', examples: data }],
        { folds: 2 },
        () => 0.5,
        { l2: 1e-4, epochs: 20, learningRate: 0.1, minDocuments: 1 },
        undefined,
        new Date('2026-12-07T00:00:00Z'),
      ).version;
    assert.equal(train(examples), train(examples));
    assert.notEqual(train(examples), train(examples.slice(1)));
  });
});
