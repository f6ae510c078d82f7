import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PetitionClassifier, TRIAGE_CONFIDENCE } from './classifier.js';

describe('PetitionClassifier', () => {
  let classifier: PetitionClassifier;
  before(() => {
    classifier = new PetitionClassifier();
  });

  it('routes unpaid wages to labour and social security, as a request', () => {
    const got = classifier.classify(
      '请求帮助讨要拖欠的工资',
      '我在船山区一家家具厂做了半年油漆工，老板拖欠工资一万六千元，一直说没钱，请劳动部门帮忙追讨。',
    );
    assert.equal(got.nature, 'REQUEST');
    assert.equal(got.category, 'LABOR_SOCIAL_SECURITY');
    assert.ok(got.confidence >= TRIAGE_CONFIDENCE);
    assert.ok(got.evidence.category.includes('工资'));
  });

  it('routes an unfinished estate to housing', () => {
    const got = classifier.classify(
      '桂湖名城逾期两年不交房',
      '购房合同约定去年六月交房，工地停工一年多，开发商说资金困难，我们每月还着房贷还在租房住。',
    );
    assert.equal(got.category, 'HOUSING');
    assert.ok(got.confidence >= TRIAGE_CONFIDENCE);
    assert.ok(got.evidence.category.includes('交房'));
  });

  it('reads a report on a village secretary embezzling as an accusation for discipline', () => {
    const got = classifier.classify(
      '举报杨柳村党支部书记贪污扶贫款',
      '村支部书记刘某某把村里的扶贫项目资金转到自己亲戚名下，贪污十几万元，村民敢怒不敢言。',
    );
    assert.equal(got.nature, 'ACCUSATION');
    assert.equal(got.category, 'DISCIPLINE');
    assert.ok(got.confidence >= TRIAGE_CONFIDENCE);
    assert.ok(got.evidence.nature.includes('举报'));
    assert.ok(got.evidence.category.includes('贪污'));
    assert.ok(got.evidence.category.some((term) => term.startsWith('举报+')));
  });

  it('sends a judgment that is not enforced to the political-legal channel', () => {
    const got = classifier.classify(
      '法院判决生效两年仍未执行',
      '我起诉邻居损坏我家房屋，法院判决对方赔偿三万元，申请强制执行后法院说对方没有财产，至今一分未得。',
    );
    assert.equal(got.category, 'LITIGATION');
    assert.ok(got.evidence.category.includes('判决'));
  });

  it('routes night-time noise to the environment bureau', () => {
    const got = classifier.classify(
      '楼下烧烤店噪音扰民',
      '小区楼下的烧烤店每天营业到凌晨三点，鼓风机和客人划拳的噪音很大，老人小孩都睡不着。',
    );
    assert.equal(got.category, 'ECOLOGY_ENVIRONMENT');
    assert.ok(got.evidence.category.includes('噪音'));
  });

  it('reads a proposal as a suggestion', () => {
    const got = classifier.classify(
      '建议在城区增设公共自行车停放点',
      '建议在公交站和菜市场附近增设公共自行车停放点，方便市民短途出行，也能减少电瓶车乱停。',
    );
    assert.equal(got.nature, 'SUGGESTION');
    assert.ok(got.evidence.nature.includes('建议'));
  });

  it('sends a text it cannot make out to triage', () => {
    const got = classifier.classify(
      '我要反映情况',
      '就是那个事情，说了好几次了，到现在还是那个样子，你们到底管不管。',
    );
    assert.ok(got.confidence < TRIAGE_CONFIDENCE, `confidence ${got.confidence}`);
    assert.ok(got.evidence.category.length > 0);
  });

  it('keeps confidence within 0..1 and evidence non-empty', () => {
    const got = classifier.classify('', '');
    assert.ok(got.confidence >= 0 && got.confidence <= 1);
    assert.ok(got.confidence < TRIAGE_CONFIDENCE);
    assert.ok(got.evidence.nature.length > 0 && got.evidence.category.length > 0);
  });
});
