import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MatterSimilarity, REPEAT_THRESHOLD, type TermVector } from './matter-similarity.js';

// One petitioner's petitions: two matters, each raised twice in other words.
const WAGES = {
  title: '反映明珠湾项目拖欠农民工工资',
  content:
    '我在“明珠湾”项目工地做泥工，劳务由遂宁市宏远建筑劳务有限公司承包，从去年6月干到12月，' +
    '老板欠我工资26000元，一直拖着不给，包工头电话也打不通。请求督促宏远公司支付工资。',
};
const WAGES_AGAIN = {
  title: '再次反映明珠湾工地欠薪',
  content:
    '上个月反映过明珠湾工地欠薪的事，到现在宏远公司还是没给钱，欠的26000元一分没拿到，' +
    '包工头说等总包拨款。马上过年了，请政府帮忙讨回工钱。',
};
const FLAT = {
  title: '碧水名苑逾期一年不交房',
  content:
    '我是碧水名苑5栋业主，2023年购房，合同约定2025年6月交房，现在工地停工半年，开发商说资金' +
    '紧张。每月还房贷3000多还要租房，请问项目有没有纳入保交楼，什么时候复工？',
};
const FLAT_AGAIN = {
  title: '碧水名苑停工的问题还是没有解决',
  content:
    '三月份反映的碧水名苑停工不交房问题，到现在还没复工，开发商也联系不上。我们业主每个月房贷' +
    '照还，房子遥遥无期，请尽快督促复工交房。',
};
// Other matters of the same person: one far off, one in the same estate as FLAT.
const BENEFIT = {
  title: '父亲低保被取消',
  content:
    '我父亲今年78岁，一个人住在老家，一直享受农村低保，上个月镇上复核后把低保取消了，说我在外面' +
    '打工有收入。我自己都还在讨工钱，哪有能力养他，请求重新核查恢复低保。',
};
const PARKING = {
  title: '碧水名苑物业乱收停车费',
  content:
    '碧水名苑已交付的一期，物业公司在小区门口装了道闸，业主停车每月收300元，没有经过业主大会' +
    '表决，也没有公示收费依据。请查处物业乱收费。',
};

const matter = MatterSimilarity.shared();

function similarity(a: { title: string; content: string }, b: typeof a): number {
  return matter.similarity(matter.terms(a.title, a.content), matter.terms(b.title, b.content));
}

describe('matter text', () => {
  it('scores the same matter in other words as a repeat', () => {
    assert.ok(similarity(WAGES, WAGES_AGAIN) >= REPEAT_THRESHOLD);
    assert.ok(similarity(FLAT, FLAT_AGAIN) >= REPEAT_THRESHOLD);
  });

  it('scores different matters of one person below the threshold', () => {
    assert.ok(similarity(WAGES, BENEFIT) < REPEAT_THRESHOLD);
    assert.ok(similarity(FLAT, WAGES_AGAIN) < REPEAT_THRESHOLD);
    // The hard case: the same estate, but parking fees are not the undelivered flat.
    assert.ok(similarity(FLAT, PARKING) < REPEAT_THRESHOLD);
    assert.ok(similarity(FLAT_AGAIN, PARKING) < REPEAT_THRESHOLD);
  });

  it('keeps similarity in [0, 1]', () => {
    assert.ok(Math.abs(similarity(FLAT, FLAT) - 1) < 1e-9);
    assert.equal(similarity(FLAT, { title: '', content: '' }), 0);
  });

  it('finds estates, projects, companies and villages, however written', () => {
    assert.deepEqual(matter.entities(WAGES.title, WAGES.content).sort(), ['宏远公司', '明珠湾']);
    assert.deepEqual(matter.entities(WAGES_AGAIN.title, WAGES_AGAIN.content).sort(), [
      '宏远公司',
      '明珠湾',
    ]);
    assert.deepEqual(matter.entities('', '我家在「碧水名苑」小区5栋'), ['碧水名苑']);
    assert.deepEqual(
      matter.entities('石岭村征地补偿款没有发', '我是蓬溪县常青镇石岭村3组村民，补偿款没发到户。'),
      ['石岭村'],
    );
  });

  it('reads terms and entities in one pass, as terms() and entities() give them', () => {
    for (const { title, content } of [WAGES, FLAT, PARKING, BENEFIT]) {
      const read = matter.read(title, content);
      assert.deepEqual([...read.terms], [...matter.terms(title, content)]);
      assert.deepEqual(read.entities, matter.entities(title, content));
    }
  });

  it('scores beyond shared names as the vectors without those names would score', () => {
    // The vector without the names, back to unit length: what similarityBeyond stands for.
    const without = (vector: TermVector, names: string[]) => {
      const kept = [...vector].filter(([term]) => !names.includes(term));
      const norm = Math.hypot(...kept.map(([, weight]) => weight));
      return new Map(kept.map(([term, weight]) => [term, weight / norm]));
    };
    for (const [a, b] of [
      [FLAT, FLAT_AGAIN],
      [FLAT, PARKING],
      [WAGES, WAGES_AGAIN],
    ] as const) {
      const shared = matter
        .entities(a.title, a.content)
        .filter((e) => matter.entities(b.title, b.content).includes(e));
      assert.ok(shared.length > 0);
      const [ta, tb] = [matter.terms(a.title, a.content), matter.terms(b.title, b.content)];
      const expected = matter.similarity(without(ta, shared), without(tb, shared));
      assert.ok(Math.abs(matter.similarityBeyond(ta, tb, shared) - expected) < 1e-12);
      assert.ok(matter.similarityBeyond(ta, tb, shared) < matter.similarity(ta, tb));
    }
    assert.equal(matter.similarityBeyond(new Map([['碧水名苑', 1]]), new Map(), ['碧水名苑']), 0);
  });

  it('does not take common nouns for names', () => {
    assert.deepEqual(matter.entities(BENEFIT.title, BENEFIT.content), []);
    assert.deepEqual(matter.entities('', '请政府督促开发商尽快复工，同村的人都在等。'), []);
  });
});
