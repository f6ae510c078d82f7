import { describe, expect, it } from 'vitest';
import type { Me } from '../../api/types';
import {
  decisionBinds,
  dispatchableUnits,
  evidenceLabel,
  mostUrgentFirst,
  readingsOf,
  percent,
  prefectureOf,
  toParties,
} from './triage-rules';
import type { DirectoryUnit, TriageItem } from './types';

const item: TriageItem = {
  caseNo: 'XF-510903-20261208-000001',
  title: '我要反映情况',
  divisionCode: '510903012',
  channel: 'ONLINE',
  receivedAt: '2026-12-08T01:00:00Z',
  triageReason: 'LOW_CONFIDENCE',
  returns: 0,
  majorReasons: [],
  waitingSince: '2026-12-08T01:00:05Z',
  suggestion: {
    nature: 'REQUEST',
    category: 'HOUSING',
    confidence: 0.31,
    evidence: { nature: ['反映'], category: ['房子'] },
    unitCode: '510903-ZJJ',
    rule: 'CATEGORY_LEAD_DEPARTMENT',
  },
  suggestions: [
    {
      nature: 'REQUEST',
      category: 'HOUSING',
      probability: 0.31,
      evidence: ['房子'],
      unitCode: '510903-ZJJ',
      rule: 'CATEGORY_LEAD_DEPARTMENT',
    },
    {
      nature: 'REQUEST',
      category: 'OTHER',
      probability: 0.2,
      evidence: [],
      unitCode: null,
      rule: null,
    },
    {
      nature: 'REQUEST',
      category: 'LABOR_SOCIAL_SECURITY',
      probability: 0.15,
      evidence: ['工资'],
      unitCode: '510903-RSJ',
      rule: 'CATEGORY_LEAD_DEPARTMENT',
    },
  ],
  modelVersion: '2026-12-01.abcdef0123',
  accusedParties: [],
};

const dispatcher: Me = {
  id: 'd',
  username: 'chuanshan.dispatcher',
  displayName: '分办员',
  roles: ['dispatcher'],
  unit: {
    code: '510903-XFJ',
    name: '船山区信访局',
    kind: 'PETITION_BUREAU',
    level: 'COUNTY',
    divisionCode: '510903',
  },
};

const unit = (code: string, level: DirectoryUnit['level'], active = true): DirectoryUnit => ({
  code,
  name: code,
  kind: 'DEPARTMENT',
  level,
  divisionCode: code.split('-')[0] ?? '',
  active,
});

describe('the readings of a triage item', () => {
  it('are the three suggestions in rank, each with a decision where the rules found a unit', () => {
    const readings = readingsOf(item);
    expect(readings.map((r) => [r.rank, r.category, r.decision])).toEqual([
      [1, 'HOUSING', { nature: 'REQUEST', category: 'HOUSING', unitCode: '510903-ZJJ' }],
      [2, 'OTHER', null],
      [
        3,
        'LABOR_SOCIAL_SECURITY',
        { nature: 'REQUEST', category: 'LABOR_SOCIAL_SECURITY', unitCode: '510903-RSJ' },
      ],
    ]);
    expect(readings[2]?.evidence).toEqual(['工资']);
  });

  it("are the registrar's category with the rules' unit, without a probability, when nothing was guessed", () => {
    const given = {
      ...item,
      suggestions: [],
      suggestion: { ...item.suggestion, confidence: null, evidence: null },
    };
    expect(readingsOf(given)).toEqual([
      {
        rank: 1,
        nature: 'REQUEST',
        category: 'HOUSING',
        probability: null,
        evidence: [],
        rule: 'CATEGORY_LEAD_DEPARTMENT',
        decision: { nature: 'REQUEST', category: 'HOUSING', unitCode: '510903-ZJJ' },
      },
    ]);
  });

  it('offer no decision when the rules found no unit', () => {
    const none = { ...item, suggestions: [], suggestion: { ...item.suggestion, unitCode: null } };
    expect(readingsOf(none).map((r) => r.decision)).toEqual([null]);
  });
});

describe('the order of the queue', () => {
  it('puts major cases first and keeps the longest waiting first otherwise', () => {
    const a = { ...item, caseNo: 'a' };
    const b = { ...item, caseNo: 'b', majorReasons: ['COLLECTIVE'] };
    const c = { ...item, caseNo: 'c' };
    expect(mostUrgentFirst([a, b, c]).map((i) => i.caseNo)).toEqual(['b', 'a', 'c']);
  });
});

describe('small readings', () => {
  it('binds the unit after two returns', () => {
    expect(decisionBinds({ ...item, returns: 1 })).toBe(false);
    expect(decisionBinds({ ...item, returns: 2 })).toBe(true);
  });

  it('writes a probability as a percentage and finds the prefecture of a place', () => {
    expect(percent(0.623)).toBe('62%');
    expect(percent(0.004)).toBe('0.4%');
    expect(percent(0.0001)).toBe('<0.1%');
    expect(percent(0)).toBe('0.0%');
    expect(prefectureOf('510903012')).toBe('510900');
  });
});

describe('the units a dispatcher chooses from', () => {
  it("are the active units of the county and the prefecture's, the county's first", () => {
    const units = [
      unit('510900-JW', 'PREFECTURE'),
      unit('510903-ZJJ', 'COUNTY'),
      unit('510903-OLD', 'COUNTY', false),
      unit('510904-ZJJ', 'COUNTY'),
      unit('510903012-GOV', 'TOWNSHIP'),
    ];
    expect(dispatchableUnits(units, dispatcher).map((u) => u.code)).toEqual([
      '510903-ZJJ',
      '510903012-GOV',
      '510900-JW',
    ]);
  });

  it("are the whole prefecture's for the prefecture's bureau", () => {
    const city: Me = {
      ...dispatcher,
      unit: {
        code: '510900-XFJ',
        name: '遂宁市信访局',
        kind: 'PETITION_BUREAU',
        level: 'PREFECTURE',
        divisionCode: '510900',
      },
    };
    const units = [unit('510904-ZJJ', 'COUNTY'), unit('510900-JW', 'PREFECTURE')];
    expect(dispatchableUnits(units, city).map((u) => u.code)).toEqual(['510900-JW', '510904-ZJJ']);
  });
});

describe('the accused parties as the API takes them', () => {
  it('trims, drops the position of a unit, and sends empty fields as null', () => {
    expect(
      toParties([
        { kind: 'UNIT', nameAsWritten: ' 住建局 ', position: '科长', unitCode: '510903-ZJJ' },
        { kind: 'OFFICIAL', nameAsWritten: '民警陈某某', position: ' ', unitCode: undefined },
      ]),
    ).toEqual([
      { kind: 'UNIT', nameAsWritten: '住建局', position: null, unitCode: '510903-ZJJ' },
      { kind: 'OFFICIAL', nameAsWritten: '民警陈某某', position: null, unitCode: null },
    ]);
  });
});

describe('evidenceLabel', () => {
  const name = (group: string, code: string) => `${group}.${code}`;
  const terms = (label: string) => `词表:${label}`;
  it('names the term tables’ verdict and the phrase rules’ reading, and leaves words alone', () => {
    expect(evidenceLabel('k:OTHER', name, terms)).toBe('词表:category.OTHER');
    expect(evidenceLabel('kn:REQUEST', name, terms)).toBe('词表:nature.REQUEST');
    expect(evidenceLabel('r:accused-official', name, terms)).toBe('reading.accused-official');
    expect(evidenceLabel('标题:工资', name, terms)).toBe('标题:工资');
    expect(evidenceLabel('欠薪', name, terms)).toBe('欠薪');
  });
});
