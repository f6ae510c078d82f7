import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Category } from '#common';
import type { Classification } from '../classification/classifier.js';
import { demoDirectory } from '../units/demo-directory.js';
import { PetitionRouter, type PetitionToRoute, unitProbability } from './petition-router.js';
import { RoutingDirectory } from './routing-policy.js';

const units = demoDirectory();
const petition = (overrides: Partial<PetitionToRoute>): PetitionToRoute => ({
  divisionCode: '510921',
  title: '反映工地拖欠农民工工资问题',
  content:
    '我在蓬溪县城一个工地做钢筋工，包工头拖欠工资三万八千元，有欠条，请劳动部门督促支付欠薪。',
  nature: null,
  category: null,
  ...overrides,
});

let shared: PetitionRouter | undefined;
const router0 = () => (shared ??= new PetitionRouter());

describe('PetitionRouter', () => {
  let router: PetitionRouter;
  before(() => {
    router = new PetitionRouter();
  });

  it('classifies an uncategorised petition and routes it by the classification', () => {
    const { classification, facts, decision } = router.route(petition({}), units);
    assert.equal(classification?.category, 'LABOR_SOCIAL_SECURITY');
    assert.equal(facts.confidence, classification.confidence);
    assert.equal(decision.outcome === 'assign' && decision.lead.unit.code, '510921-RSJ');
  });

  it('uses the category the registrar gave as it is', () => {
    const { classification, facts, decision } = router.route(
      petition({ category: 'HOUSING' }),
      units,
    );
    assert.equal(classification, null);
    assert.equal(facts.category, 'HOUSING');
    assert.equal(facts.confidence, null);
    assert.equal(decision.outcome === 'assign' && decision.lead.unit.code, '510921-ZJJ');
  });

  it('sends an accusation of a village cadre to discipline inspection, unless stated a request', () => {
    const accusation = petition({
      title: '反映村主任的问题',
      content: '村主任收受承包老板的好处费，把村里的集体荒山私自低价租给他的亲戚，租金没有入村账。',
    });
    const read = router.route(accusation, units);
    assert.equal(read.facts.nature, 'ACCUSATION');
    assert.equal(read.facts.category, 'DISCIPLINE');
    assert.equal(read.decision.outcome === 'assign' && read.decision.lead.unit.code, '510921-JW');
    // A nature the registrar gave stands: the rule does not make a request an accusation.
    const stated = router.route({ ...accusation, nature: 'REQUEST' }, units);
    assert.equal(stated.facts.nature, 'REQUEST');
    assert.equal(stated.classification?.principle, null);
  });

  it('reads an accused county leader from the text', () => {
    const { decision } = router.route(
      petition({
        title: '举报蓬溪县一名副县长的亲属承揽工程',
        content: '副县长利用职权为其亲属控制的公司承揽县城市政工程，涉嫌利益输送，请上级纪委调查。',
      }),
      units,
    );
    assert.equal(decision.outcome === 'assign' && decision.lead.unit.code, '510900-JW');
    assert.equal(decision.outcome === 'assign' && decision.lead.rule, 'ACCUSED_COUNTY_LEADER');
  });

  it('sends what it cannot make out to a person', () => {
    const { decision } = router.route(
      petition({ title: '我要反映情况', content: '就是那个事情，说了好几次了，你们到底管不管。' }),
      units,
    );
    assert.equal(decision.outcome, 'triage');
    // Unsure, or sure that it is of no category: either way the bureau decides by hand.
    assert.ok(['LOW_CONFIDENCE', 'NO_RULE_APPLIES'].includes(decision.reason), decision.reason);
  });
});

describe('the confidence of a route', () => {
  const directory = new RoutingDirectory(units);
  const facts = router0().route(petition({}), units).facts;
  // A reading split between categories, at the county level for certain.
  const split = (categories: Partial<Record<Category, number>>): Classification => ({
    nature: 'REQUEST',
    category: Object.keys(categories)[0] as Category,
    level: 'COUNTY',
    confidence: 0,
    evidence: { nature: [], category: [] },
    distribution: {
      categories: Object.entries(categories).map(([code, probability]) => ({
        code: code as Category,
        probability,
      })),
      levels: [{ code: 'COUNTY', probability: 1 }],
    },
    suggestions: [],
    principle: null,
    modelVersion: 'test',
  });

  it('is the probability of the unit: categories the same unit leads add up', () => {
    // The county's 住建局 leads housing and property management alike.
    const reading = split({ HOUSING: 0.5, PROPERTY_MANAGEMENT: 0.4, LABOR_SOCIAL_SECURITY: 0.1 });
    assert.equal(unitProbability(reading, facts, directory), 0.9);
  });

  it('does not add a category that another unit leads, and weighs the level', () => {
    const reading = split({ HOUSING: 0.5, LABOR_SOCIAL_SECURITY: 0.3, PROPERTY_MANAGEMENT: 0.2 });
    reading.distribution.levels = [
      { code: 'COUNTY', probability: 0.8 },
      { code: 'PREFECTURE', probability: 0.2 },
    ];
    // (0.5 + 0.2) × 0.8: the prefecture's 住建局 is another unit.
    assert.equal(unitProbability(reading, facts, directory), 0.56);
  });

  it('routes by it: what the unit is sure of goes without a person', () => {
    const { classification, facts: routed } = router0().route(petition({}), units);
    assert.ok(classification);
    assert.equal(routed.confidence, classification.confidence);
    assert.equal(classification.confidence, unitProbability(classification, routed, directory));
  });
});
