import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MatterReading, UnitMention } from '../classification/matter-reader.js';
import { NOTHING_READ } from '../classification/matter-reading.fixture.js';
import type { Unit } from '../database/unit.entity.js';
import { demoDirectory } from '../units/demo-directory.js';
import {
  accusedPartiesOf,
  decideRoute,
  levelFromText,
  type PetitionFacts,
  placeOf,
  ROUTING_RULES,
  type RoutingDecision,
  RoutingDirectory,
} from './routing-policy.js';
import { majorReasonsOf } from './major-case.js';

/** The auto-routing threshold these tests assume (a model brings its own). */
const THRESHOLD = 0.3;

/** The demo directory, townships included (船山区慈音街道, 510903012, among them). */
function directory(extra: Unit[] = [], without: string[] = []) {
  return new RoutingDirectory([
    ...demoDirectory().filter((unit) => !without.includes(unit.code)),
    ...extra,
  ]);
}

const nothingRead = NOTHING_READ;

/** The facts of a petition whose accused parties are those its reading names. */
function facts(overrides: Partial<PetitionFacts> = {}, reading: Partial<MatterReading> = {}) {
  const read = { ...nothingRead, ...reading };
  const divisionCode = overrides.divisionCode ?? '510903';
  return {
    divisionCode,
    nature: 'REQUEST',
    category: 'HOUSING',
    categoryGiven: false,
    confidence: 0.9,
    level: null,
    accused: accusedPartiesOf(
      read,
      directory(),
      placeOf(divisionCode),
      overrides.nature ?? 'REQUEST',
    ),
    ...overrides,
    reading: read,
  } satisfies PetitionFacts;
}

const mention = (overrides: Partial<UnitMention>): UnitMention => ({
  name: '住建局',
  kind: 'DEPARTMENT',
  categories: ['URBAN_RURAL_CONSTRUCTION', 'HOUSING', 'PROPERTY_MANAGEMENT'],
  level: 'COUNTY',
  complainedAbout: true,
  inTitle: false,
  ...overrides,
});

/** [lead code, lead rule, ...co-handlers as "code by rule"], or the triage reason. */
function summary(decision: RoutingDecision) {
  if (decision.outcome === 'triage') return ['triage', decision.reason];
  return [
    decision.lead.unit.code,
    decision.lead.rule,
    ...decision.coHandlers.map((c) => `${c.unit.code} by ${c.rule}`),
  ];
}

describe('the routing rules', () => {
  it('are data: named, described and tried in order', () => {
    assert.deepEqual(
      ROUTING_RULES.map((r) => r.name),
      [
        'ACCUSED_COUNTY_LEADER',
        'ACCUSED_OFFICIAL',
        'LITIGATION_POLITICAL_LEGAL',
        'ACCUSATION_REGULATOR',
        'CATEGORY_LEAD_DEPARTMENT',
      ],
    );
    assert.ok(ROUTING_RULES.every((r) => r.description.length > 20));
  });

  it('send an accusation against a county leader to the prefecture discipline commission', () => {
    const decision = decideRoute(
      facts(
        { nature: 'ACCUSATION', category: 'DISCIPLINE', divisionCode: '510903012' },
        { accusedCountyLeader: '副区长' },
      ),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(decision), ['510900-JW', 'ACCUSED_COUNTY_LEADER']);
  });

  it('send an accusation against another official to the county commission, without the township', () => {
    const decision = decideRoute(
      facts({ nature: 'ACCUSATION', category: 'DISCIPLINE', divisionCode: '510903012' }),
      directory(),
      THRESHOLD,
    );
    // The accuser is protected: the township where the official works is not told.
    assert.deepEqual(summary(decision), ['510903-JW', 'ACCUSED_OFFICIAL']);
  });

  it('send a litigation matter to the political-legal committee with its legal channel', () => {
    const decision = decideRoute(
      facts(
        { category: 'LITIGATION', divisionCode: '510903012' },
        { legalChannel: { channel: 'ENFORCEMENT', evidence: ['强制执行'] } },
      ),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(decision), ['510903-ZFW', 'LITIGATION_POLITICAL_LEGAL']);
    assert.equal(decision.outcome === 'assign' && decision.legalChannel?.channel, 'ENFORCEMENT');
  });

  it('treat a matter already before a court as litigation, unless the registrar categorised it', () => {
    const inCourt = { legalProceedings: ['判决', '强制执行'] };
    const classified = decideRoute(
      facts({ category: 'LABOR_SOCIAL_SECURITY' }, inCourt),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(classified), ['510903-ZFW', 'LITIGATION_POLITICAL_LEGAL']);
    const given = decideRoute(
      facts({ category: 'LABOR_SOCIAL_SECURITY', categoryGiven: true, confidence: null }, inCourt),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(given), ['510903-RSJ', 'CATEGORY_LEAD_DEPARTMENT']);
    const onlyThreatened = decideRoute(
      facts({ category: 'LABOR_SOCIAL_SECURITY' }, { legalProceedings: ['判决'] }),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(onlyThreatened), ['510903-RSJ', 'CATEGORY_LEAD_DEPARTMENT']);
  });

  it('send an accusation against a company to the regulator of its category', () => {
    const decision = decideRoute(
      facts({ nature: 'ACCUSATION', category: 'MARKET_REGULATION', divisionCode: '510981' }),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(decision), ['510981-SJJ', 'ACCUSATION_REGULATOR']);
  });

  it('send a request to the lead department of the county, with the township as co-handler', () => {
    const decision = decideRoute(facts({ divisionCode: '510903012' }), directory(), THRESHOLD);
    assert.deepEqual(summary(decision), [
      '510903-ZJJ',
      'CATEGORY_LEAD_DEPARTMENT',
      '510903012-GOV by TOWNSHIP_CO_HANDLER',
    ]);
  });

  it('add no co-handler for a township the directory does not have', () => {
    const decision = decideRoute(
      facts({ divisionCode: '510903001' }),
      directory([], ['510903001-GOV']),
      THRESHOLD,
    );
    assert.deepEqual(summary(decision), ['510903-ZJJ', 'CATEGORY_LEAD_DEPARTMENT']);
  });

  it('never give a case to a unit it accuses, but to its superior', () => {
    const accusation = { nature: 'ACCUSATION' } as const;
    const decision = decideRoute(
      facts(accusation, { mentions: [mention({})] }),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(decision), ['510903-GOV', 'ACCUSED_UNIT_SUPERIOR']);
    assert.deepEqual(decision.outcome === 'assign' && decision.lead.instead, {
      unitCode: '510903-ZJJ',
      rule: 'ACCUSATION_REGULATOR',
    });
    // Another department, or the same one of another level, is not that unit.
    for (const other of [
      mention({ categories: ['EDUCATION'] }),
      mention({ level: 'PREFECTURE', inTitle: false, complainedAbout: false }),
      mention({ complainedAbout: false }),
    ]) {
      assert.deepEqual(
        summary(decideRoute(facts(accusation, { mentions: [other] }), directory(), THRESHOLD)),
        ['510903-ZJJ', 'ACCUSATION_REGULATOR'],
      );
    }
  });

  it('give a request that complains of a unit’s slowness to that unit: it answers for its work', () => {
    assert.deepEqual(
      summary(decideRoute(facts({}, { mentions: [mention({})] }), directory(), THRESHOLD)),
      ['510903-ZJJ', 'CATEGORY_LEAD_DEPARTMENT'],
    );
  });

  it('keep an official’s own unit, and the units under it, from the case', () => {
    const policeOfficer = {
      position: '民警',
      asWritten: '派出所民警',
      unit: {
        kind: 'DEPARTMENT' as const,
        categories: ['PUBLIC_SECURITY' as const],
        level: 'COUNTY' as const,
      },
      inTitle: true,
    };
    const accused = facts(
      { nature: 'ACCUSATION', category: 'PUBLIC_SECURITY' },
      { accusedOfficials: [policeOfficer] },
    );
    assert.deepEqual(accused.accused, [
      { kind: 'OFFICIAL', nameAsWritten: '派出所民警', position: '民警', unitCode: '510903-GAJ' },
    ]);
    assert.deepEqual(summary(decideRoute(accused, directory(), THRESHOLD)), [
      '510903-GOV',
      'ACCUSED_UNIT_SUPERIOR',
    ]);
    // A county government accused bars its departments and townships: the prefecture's act.
    const countyAccused = facts({ divisionCode: '510903012', nature: 'ACCUSATION' }, {});
    const barred = decideRoute(
      {
        ...countyAccused,
        accused: [
          { kind: 'UNIT', nameAsWritten: '区政府', position: null, unitCode: '510903-GOV' },
        ],
      },
      directory(),
      THRESHOLD,
    );
    // The township is under the county too; its stand-in would be the lead itself.
    assert.deepEqual(summary(barred), ['510900-GOV', 'ACCUSED_UNIT_SUPERIOR']);
  });

  it('replace a township it accuses by its superior as co-handler', () => {
    const township = mention({
      name: '街道办',
      kind: 'GOVERNMENT',
      categories: [],
      level: 'TOWNSHIP',
    });
    const decision = decideRoute(
      facts({ divisionCode: '510903012', nature: 'ACCUSATION' }, { mentions: [township] }),
      directory(),
      THRESHOLD,
    );
    assert.deepEqual(summary(decision), [
      '510903-ZJJ',
      'ACCUSATION_REGULATOR',
      '510903-GOV by ACCUSED_UNIT_SUPERIOR',
    ]);
  });

  it('go to the prefecture level for a matter of a prefecture-level body', () => {
    const aboutPrefectureBody = {
      mentions: [mention({ level: 'PREFECTURE', complainedAbout: false, inTitle: true })],
    };
    assert.deepEqual(summary(decideRoute(facts({}, aboutPrefectureBody), directory(), THRESHOLD)), [
      '510900-ZJJ',
      'CATEGORY_LEAD_DEPARTMENT',
    ]);
    assert.deepEqual(
      summary(decideRoute(facts({ divisionCode: '510900' }), directory(), THRESHOLD)),
      ['510900-ZJJ', 'CATEGORY_LEAD_DEPARTMENT'],
    );
    // A prefecture's hospital named beside the county's own (县医院 … 转到市中心医院) does not settle
    // the level; alone it does.
    const hospitals = { prefectureBody: '市中心医院', countyBody: '县人民医院' };
    assert.equal(levelFromText({ ...nothingRead, ...hospitals }, placeOf('510903')), null);
    assert.equal(
      levelFromText({ ...nothingRead, ...hospitals, countyBody: null }, placeOf('510903')),
      'PREFECTURE',
    );
    // Without such a department in the directory, a person decides.
    assert.deepEqual(
      summary(
        decideRoute(facts({ divisionCode: '510900' }), directory([], ['510900-ZJJ']), THRESHOLD),
      ),
      ['triage', 'NO_UNIT_FOR_TERRITORY'],
    );
  });

  it('send a petition to triage below the confidence threshold, with the suggestion', () => {
    const decision = decideRoute(facts({ confidence: 0.12 }), directory(), THRESHOLD);
    assert.equal(decision.outcome, 'triage');
    assert.equal(decision.reason, 'LOW_CONFIDENCE');
    assert.equal(decision.suggestion?.unit.code, '510903-ZJJ');
    // The registrar's category is not doubted.
    const given = decideRoute(
      facts({ categoryGiven: true, confidence: null }),
      directory(),
      THRESHOLD,
    );
    assert.equal(given.outcome, 'assign');
  });

  it('send a matter of no category to triage: the petition bureau decides by hand', () => {
    assert.deepEqual(summary(decideRoute(facts({ category: 'OTHER' }), directory(), THRESHOLD)), [
      'triage',
      'NO_RULE_APPLIES',
    ]);
  });
});

describe('the major-case rules', () => {
  it('flag collective, repeated and transferred-from-above petitions', () => {
    assert.deepEqual(majorReasonsOf({ personCount: 1, repeatCount: 0, channel: 'ONLINE' }), []);
    assert.deepEqual(majorReasonsOf({ personCount: 4, repeatCount: 2, channel: 'VISIT' }), []);
    assert.deepEqual(majorReasonsOf({ personCount: 5, repeatCount: 3, channel: 'TRANSFERRED' }), [
      'COLLECTIVE',
      'REPEATED',
      'FROM_ABOVE',
    ]);
  });
});
