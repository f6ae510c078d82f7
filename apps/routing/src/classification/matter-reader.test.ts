import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatterReader, type PlaceNames } from './matter-reader.js';

const reader = new MatterReader();
const chuanshan: PlaceNames = { prefecture: '遂宁市', county: '船山区', countyIsCity: false };
const shehong: PlaceNames = { prefecture: '遂宁市', county: '射洪市', countyIsCity: true };

const read = (title: string, content = '', place = chuanshan) => reader.read(title, content, place);
const complained = (title: string, content = '', place = chuanshan) =>
  read(title, content, place)
    .mentions.filter((m) => m.complainedAbout)
    .map((m) => `${m.name}@${m.level}`);

describe('MatterReader', () => {
  it('finds the leader of a county-level body an accusation names', () => {
    assert.equal(read('实名举报船山区一名副区长违规干预工程招投标').accusedCountyLeader, '副区长');
    assert.equal(
      read('反映问题', '我举报县教育局局长收受好处费，安排亲戚承包食堂。').accusedCountyLeader,
      '县教育局局长',
    );
    assert.equal(read('举报区委书记的秘书索要钱财').accusedCountyLeader, '区委书记');
  });

  it('does not take village, township or section officials, or words that contain 区长, for one', () => {
    for (const title of [
      '举报石龙村党支部书记侵占集体收入',
      '举报永兴镇党委书记优亲厚友',
      '举报安居区住建局质监站工作人员吃拿卡要',
      '举报小区业主委员会主任挪用维修资金',
      '举报超市长期销售过期食品',
      '举报船山区长期占道经营的烧烤摊',
    ]) {
      assert.equal(read(title).accusedCountyLeader, null, title);
    }
    // A leader named outside the accusation is only an addressee.
    assert.equal(
      read('反映村干部问题', '尊敬的区长：您好。我举报村主任收受好处。').accusedCountyLeader,
      null,
    );
    assert.equal(read('拨打市长热线无人处理').accusedCountyLeader, null);
  });

  it('finds the units a petition complains about, and not those it asks to act', () => {
    assert.deepEqual(
      complained(
        '宅基地界址纠纷',
        '向复兴镇政府书面申请处理，镇政府至今未作出处理决定。要求镇政府依法作出处理。',
      ),
      ['镇政府@TOWNSHIP'],
    );
    assert.deepEqual(complained('举报区住建局违规审批'), ['住建局@COUNTY']);
    assert.deepEqual(complained('违建问题', '住建局对违建不管不问，请区政府督促。'), [
      '住建局@COUNTY',
    ]);
    assert.deepEqual(complained('违建问题', '请住建局对违规建筑依法查处。'), []);
    assert.deepEqual(complained('违建问题', '我已经举报到住建局了，希望尽快处理。'), []);
    assert.deepEqual(complained('举报赌博', '来电人举报：明星镇场镇上有一个茶馆聚众赌博。'), []);
    assert.deepEqual(complained('对街道办的处理决定不服'), ['街道办@TOWNSHIP']);
  });

  it('tells the level of a named unit from the words before it', () => {
    const levels = (text: string, place: PlaceNames) =>
      read(text, '', place).mentions.map((m) => `${m.name}@${m.level}`);
    assert.deepEqual(levels('遂宁市住建局和船山区住建局', chuanshan), [
      '住建局@PREFECTURE',
      '住建局@COUNTY',
    ]);
    assert.deepEqual(levels('市住建局', chuanshan), ['住建局@PREFECTURE']);
    // In a county-level city, 市 is the county.
    assert.deepEqual(levels('市住建局和射洪市教育局', shehong), ['住建局@COUNTY', '教育局@COUNTY']);
    assert.deepEqual(levels('不服市中院二审判决', shehong), ['中院@PREFECTURE']);
    assert.deepEqual(levels('街道办和住房和城乡建设局', chuanshan), [
      '街道办@TOWNSHIP',
      '住房和城乡建设局@COUNTY',
    ]);
  });

  it('finds a prefecture-level body named by its own words, and marks a second-instance case', () => {
    const body = (title: string, place = chuanshan) => read(title, '', place).prefectureBody;
    assert.equal(body('市中心医院挂号退费半个月没到账'), '市中心医院');
    assert.equal(body('原市第二棉纺织厂下岗职工要求补发买断补偿'), '原市第二棉纺织厂');
    assert.equal(body('对二审判决不服'), null);
    assert.equal(read('对二审判决不服').secondInstance, true);
    // Not downtown, not another city, not a county-level city's own hospital.
    assert.equal(body('在市中心买房办不了证'), null);
    assert.equal(body('在东莞市第一人民医院打工'), null);
    assert.equal(body('射洪市人民医院收费高', shehong), null);
    assert.equal(body('市人民医院收费高', shehong), null);
    assert.equal(body('遂宁市第一中学乱收费', shehong), '遂宁市第一中学');
    // The city's own services, 市中医院 among them.
    assert.equal(body('市中医院理疗烫伤'), '市中医院');
    assert.equal(body('市公交集团31路为啥改线'), '市公交');
    assert.ok(body('请问市公交集团31路为啥改线')?.endsWith('市公交'));
    assert.equal(body('市殡仪馆办丧事收费不透明'), '市殡仪馆');
    assert.equal(body('射洪市殡仪馆收费', shehong), null);
    assert.equal(body('原遂宁化肥厂退休职工医保续费'), '原遂宁化肥厂');
    assert.ok(body('养老保险在市本级参保'));
    assert.ok(body('建议市公交集团开通直达线路'));
  });

  it('finds a county-level body named by its own words', () => {
    const county = (text: string, place = chuanshan) => read('', text, place).countyBody;
    assert.equal(county('在大英县人民医院做手术，转到遂宁市中心医院'), '县人民医院');
    assert.equal(county('镇卫生院不给开药'), '镇卫生院');
    assert.equal(county('射洪市人民医院收费高', shehong), '市人民医院');
    assert.equal(county('市人民医院收费高'), null);
    assert.equal(county('遂宁市中心医院挂号难'), null);
  });

  it('finds the steps courts and police took, and the legal channel that follows', () => {
    const channel = (title: string, content: string) => read(title, content).legalChannel.channel;
    assert.equal(
      channel('法院判了执行不了', '判决生效后我申请强制执行，法院裁定终结本次执行程序。'),
      'ENFORCEMENT',
    );
    assert.equal(
      channel('不服二审判决', '市中院二审改判，该案已是终审判决，要求重新审理。'),
      'RETRIAL',
    );
    assert.equal(
      channel('对判决不服', '法院判决赔偿太少，等请人看明白已经过了上诉期，请督促法院重新审理。'),
      'RETRIAL',
    );
    assert.equal(channel('不服一审判决', '一审判决认定事实错误，我准备上诉。'), 'APPEAL');
    assert.equal(
      channel('报案后公安不予立案', '我被骗22万元，向公安局报案，公安以经济纠纷为由不予立案。'),
      'FILING_SUPERVISION',
    );
    assert.equal(
      channel('对罚款不服', '交警对我作出罚款两千元的行政处罚决定，我认为不合理。'),
      'ADMINISTRATIVE_RECONSIDERATION',
    );
    assert.equal(channel('借款纠纷', '朋友借钱不还。'), 'LAWSUIT');
    assert.deepEqual(read('法院判了执行不了', '申请强制执行后至今未执行。').legalProceedings, [
      '强制执行',
    ]);
  });
});
