import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Category } from '#common';
import { ClassifierModel } from './classifier-model.js';
import { trainClassifierModel } from './classifier-training.js';
import { PetitionClassifier } from './classifier.js';
import { MatterReader, type PlaceNames } from './matter-reader.js';
import { normalisePetitionText } from './petition-text.js';

const place: PlaceNames = { prefecture: '遂宁市', county: '船山区', countyIsCity: false };
const model = ClassifierModel.load();
const classifier = new PetitionClassifier(model);
const reader = new MatterReader();
const classify = (title: string, content: string, given?: 'REQUEST' | 'ACCUSATION') => {
  const [t, c] = [normalisePetitionText(title), normalisePetitionText(content)];
  return classifier.classify(t, c, reader.read(t, c, place), null, given);
};

describe('the accused-official principle', () => {
  // A model that never saw a discipline matter: only the rule can send one there.
  const petition = (category: Category, text: string) => ({
    title: text.slice(0, 8),
    content: text,
    nature: 'REQUEST' as const,
    category,
    level: 'COUNTY' as const,
  });
  const naive = ClassifierModel.fromFile(
    trainClassifierModel(
      [
        {
          source: 'no discipline',
          examples: [
            ...['拖欠工资三个月不发', '包工头欠薪跑了', '公司欠我半年工资'].map((t) =>
              petition('LABOR_SOCIAL_SECURITY', t),
            ),
            ...['村里的承包地被占了', '土地流转费没发', '村集体收入不公开'].map((t) =>
              petition('AGRICULTURE_RURAL', t),
            ),
          ],
        },
      ],
      { folds: 2 },
      () => 0.5,
      { l2: 1e-4, epochs: 60, learningRate: 0.1, minDocuments: 1 },
    ),
  );

  it('sends an accusation of a village cadre to discipline inspection over the model', () => {
    const [t, c] = ['反映村里的问题', '村主任收受承包老板的好处费，把集体荒山低价租给他的亲戚。'];
    const read = new PetitionClassifier(naive).classify(t, c, reader.read(t, c, place), null);
    assert.equal(read.principle, 'ACCUSED_OFFICIAL');
    assert.equal(read.category, 'DISCIPLINE');
    assert.equal(read.nature, 'ACCUSATION');
    assert.deepEqual(read.evidence.category, ['举报:村主任']);
    assert.equal(read.suggestions[0]?.category, 'DISCIPLINE');
  });
});

describe('the principle where the model agrees', () => {
  // The shipped model's features and principle, with a reading that leans to discipline but is
  // less sure than the principle's measured precision.
  const leaning = Object.assign(Object.create(model) as ClassifierModel, {
    read: () => ({
      natures: [{ code: 'ACCUSATION' as const, probability: 0.9, evidence: [] }],
      categories: [
        { code: 'DISCIPLINE' as const, probability: 0.6, evidence: ['w:截留'] },
        { code: 'AGRICULTURE_RURAL' as const, probability: 0.4, evidence: [] },
      ],
      levels: [{ code: 'COUNTY' as const, probability: 1 }],
    }),
  });

  it('is as sure as the principle when the model already reads a discipline matter', () => {
    const [t, c] = ['反映村会计的问题', '村会计把土地流转租金截留了一半，村里的账从来不公开。'];
    const reading = reader.read(t, c, place);
    assert.ok(reading.accusedOfficials.length > 0);
    assert.ok(model.accusedOfficialPrecision > 0.6);
    const read = new PetitionClassifier(leaning).classify(t, c, reading, null);
    assert.equal(read.category, 'DISCIPLINE');
    assert.equal(read.principle, null, 'the model chose it; the principle only vouches for it');
    assert.equal(read.confidence, Math.round(model.accusedOfficialPrecision * 1000) / 1000);
    assert.deepEqual(read.evidence.category, ['w:截留']);
    // The rest of the distribution is scaled to what the principle leaves.
    const total = read.distribution.categories.reduce((sum, x) => sum + x.probability, 0);
    assert.ok(Math.abs(total - 1) < 1e-9);
  });
});

describe('the shipped classifier', () => {
  it('is a versioned, calibrated model with its threshold', () => {
    assert.match(model.version, /^\d{4}-\d{2}-\d{2}\.[0-9a-f]{10}$/);
    assert.ok(model.autoRouteThreshold > 0.5 && model.autoRouteThreshold < 1);
    assert.ok(model.file.trainedOn.some((s) => s.source.startsWith('data/corpus')));
  });

  it('reads a plain petition with its three best readings and their evidence', () => {
    const wages = classify(
      '工地老板拖欠农民工工资',
      '我在工地做钢筋工八个月，包工头欠我工资三万八千元，电话打不通，请政府帮忙讨薪。',
    );
    assert.equal(wages.category, 'LABOR_SOCIAL_SECURITY');
    assert.equal(wages.nature, 'REQUEST');
    assert.equal(wages.modelVersion, model.version);
    assert.equal(wages.suggestions.length, 3);
    assert.equal(new Set(wages.suggestions.map((s) => s.category)).size, 3);
    assert.ok(
      wages.suggestions.every(
        (s, i, all) => i === 0 || s.probability <= (all[i - 1]?.probability ?? 1),
      ),
    );
    assert.ok(wages.evidence.category.length > 0);
  });

  it('sends an accusation of an official to discipline inspection whatever its subject', () => {
    const school = classify(
      '反映学校收费问题',
      '我们镇中心小学的校长以食堂改造的名义向每个学生收取三百元，钱都进了他亲戚的账户，还克扣学生营养餐。',
    );
    assert.equal(school.category, 'DISCIPLINE');
    assert.equal(school.nature, 'ACCUSATION');
    assert.ok(
      school.evidence.category.some((e) => e.includes('校长')),
      school.evidence.category.join(),
    );
  });

  it('keeps a nature the registrar gave: a request about a fee is not made an accusation', () => {
    const given = classify(
      '反映学校收费问题',
      '我们镇中心小学的校长以食堂改造的名义向每个学生收取三百元，钱都进了他亲戚的账户。',
      'REQUEST',
    );
    assert.equal(given.nature, 'REQUEST');
    assert.equal(given.principle, null);
  });
});
