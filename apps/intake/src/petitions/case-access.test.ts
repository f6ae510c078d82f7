import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '#common';
import {
  bureauTerritory,
  caseAccess,
  canSeeCase,
  canSeePersonalData,
  type CaseUnits,
  type StaffUnit,
} from './case-access.js';

const staff = (unitCode: string, ...roles: Role[]) => ({ id: 'u', username: 'u', unitCode, roles });
const assigned: CaseUnits = {
  registeredByUnit: null,
  assignments: [
    { unitCode: '510903-XFJ', unitAncestors: ['510900-XFJ', '510900-GOV'], status: 'ASSIGNED' },
  ],
  division: '510903012',
  accused: [],
};
const unassigned: CaseUnits = {
  registeredByUnit: null,
  assignments: [],
  division: '510903012',
  accused: [],
};

describe('who may read a case', () => {
  it('the staff of an assigned unit', () => {
    assert.ok(canSeeCase(staff('510903-XFJ', 'handler'), assigned));
  });
  it('supervisors of a unit above it, but not other staff there', () => {
    assert.ok(canSeeCase(staff('510900-XFJ', 'supervisor'), assigned));
    assert.ok(!canSeeCase(staff('510900-XFJ', 'handler'), assigned));
  });
  it('not another unit, nor anyone before the case is assigned', () => {
    assert.ok(!canSeeCase(staff('510981-XFJ', 'supervisor', 'handler'), assigned));
    assert.ok(!canSeeCase(staff('510903-XFJ', 'handler'), unassigned));
  });
  it('admins', () => {
    assert.ok(canSeeCase(staff('510981-XFJ', 'admin'), unassigned));
  });
  it('the unit that registered it, before and after assignment', () => {
    const registered = { ...assigned, registeredByUnit: '510900-XFJ' };
    assert.ok(
      canSeeCase(staff('510900-XFJ', 'registrar'), {
        ...unassigned,
        registeredByUnit: '510900-XFJ',
      }),
    );
    assert.ok(canSeeCase(staff('510900-XFJ', 'registrar'), registered));
    assert.ok(canSeePersonalData(staff('510900-XFJ', 'registrar'), registered, []));
  });
});

describe('who sees personal data unmasked', () => {
  it('contact roles of the case units only', () => {
    assert.ok(canSeePersonalData(staff('510903-XFJ', 'handler'), assigned, []));
    assert.ok(!canSeePersonalData(staff('510900-XFJ', 'supervisor'), assigned, []));
    assert.ok(!canSeePersonalData(staff('510981-XFJ', 'admin'), assigned, []));
    assert.ok(!canSeePersonalData(staff('510981-XFJ', 'handler'), assigned, []));
  });
});

describe('the petition bureau of the territory', () => {
  const county = bureauTerritory({
    kind: 'PETITION_BUREAU',
    level: 'COUNTY',
    divisionCode: '510903',
  });
  const city = bureauTerritory({
    kind: 'PETITION_BUREAU',
    level: 'PREFECTURE',
    divisionCode: '510900',
  });
  it('covers its county, or the whole prefecture', () => {
    assert.equal(county, '510903');
    assert.equal(city, '5109');
    assert.equal(
      bureauTerritory({ kind: 'DEPARTMENT', level: 'COUNTY', divisionCode: '510903' }),
      null,
    );
  });
  it('lets its registrars, dispatchers and supervisors see cases not yet routed', () => {
    assert.ok(canSeeCase(staff('510903-XFJ', 'dispatcher'), unassigned, county));
    assert.ok(canSeeCase(staff('510900-XFJ', 'supervisor'), unassigned, city));
    assert.ok(!canSeeCase(staff('510903-XFJ', 'handler'), unassigned, county));
    assert.ok(!canSeeCase(staff('510921-XFJ', 'dispatcher'), unassigned, '510921'));
  });
  it('shows it personal data masked', () => {
    assert.ok(!canSeePersonalData(staff('510903-XFJ', 'dispatcher'), unassigned, []));
  });
});

// The demo directory's chains: 住建局 → 区政府 → 市政府; 区信访局 → 市信访局 → 市政府.
const CHAINS: Record<string, string[]> = {
  '510903-ZJJ': ['510903-GOV', '510900-GOV'],
  '510903-ZRZYJ': ['510903-GOV', '510900-GOV'],
  '510903-GOV': ['510900-GOV'],
  '510903-XFJ': ['510900-XFJ', '510900-GOV'],
  '510900-XFJ': ['510900-GOV'],
  '510900-GOV': [],
};
const unitOf = (code: string): StaffUnit => ({
  kind: code.endsWith('XFJ')
    ? 'PETITION_BUREAU'
    : code.endsWith('GOV')
      ? 'GOVERNMENT'
      : 'DEPARTMENT',
  level: code.startsWith('510900') ? 'PREFECTURE' : 'COUNTY',
  divisionCode: code.slice(0, 6),
  ancestors: CHAINS[code] ?? [],
});
const assignment = (unitCode: string, status: string) => ({
  unitCode,
  unitAncestors: CHAINS[unitCode] ?? [],
  status,
});
const accusing = (...codes: string[]) =>
  codes.map((code) => ({ code, ancestors: CHAINS[code] ?? [] }));
const housingCase = (assignments: CaseUnits['assignments'], accused = accusing()): CaseUnits => ({
  registeredByUnit: null,
  assignments,
  division: '510903012',
  accused,
});
const accessOf = (who: ReturnType<typeof staff>, units: CaseUnits) =>
  caseAccess(who, units, unitOf(who.unitCode));
const housingHandler = staff('510903-ZJJ', 'handler');

describe('access ends with the assignment', () => {
  for (const ended of ['DECLINED', 'RETURNED', 'TRANSFERRED', 'CONCLUDED']) {
    it(`leaves a unit whose assignment was ${ended.toLowerCase()} a summary without personal data or materials`, () => {
      const units = housingCase([
        assignment('510903-ZJJ', ended),
        assignment('510903-ZRZYJ', 'ASSIGNED'),
      ]);
      assert.ok(canSeeCase(housingHandler, units));
      assert.deepEqual(accessOf(housingHandler, units), {
        view: 'SUMMARY',
        personalData: 'MASKED',
        materials: false,
      });
      assert.ok(!canSeePersonalData(housingHandler, units, CHAINS['510903-ZJJ'] ?? []));
    });
  }
  it('gives the unit holding the case through an open assignment everything', () => {
    for (const open of ['ASSIGNED', 'ACCEPTED']) {
      const units = housingCase([
        assignment('510903-ZRZYJ', 'TRANSFERRED'),
        assignment('510903-ZJJ', open),
      ]);
      assert.deepEqual(accessOf(housingHandler, units), {
        view: 'FULL',
        personalData: 'FULL',
        materials: true,
      });
    }
  });
  it('keeps the whole case for the unit that registered it, and for a later open assignment', () => {
    const declinedOnce = housingCase([
      assignment('510903-ZJJ', 'DECLINED'),
      assignment('510903-ZJJ', 'ACCEPTED'),
    ]);
    assert.equal(accessOf(housingHandler, declinedOnce)?.view, 'FULL');
    // A department that registered a visit it then handled (no territory of its own).
    const registrar = staff('510903-ZJJ', 'registrar');
    const ended = {
      ...housingCase([assignment('510903-ZJJ', 'TRANSFERRED')]),
      registeredByUnit: '510903-ZJJ',
    };
    assert.deepEqual(accessOf(registrar, ended), {
      view: 'FULL',
      personalData: 'FULL',
      materials: true,
    });
  });
  it('lets supervisors above an assigned unit keep the whole case, masked', () => {
    const units = housingCase([assignment('510903-ZJJ', 'CONCLUDED')]);
    assert.deepEqual(accessOf(staff('510903-GOV', 'supervisor'), units), {
      view: 'FULL',
      personalData: 'MASKED',
      materials: true,
    });
    assert.equal(accessOf(staff('510981-XFJ', 'handler'), units), null);
  });
});

describe('the accused never see the accuser', () => {
  it('hides the accuser and the materials from the accused unit, even holding the case', () => {
    const units = housingCase([assignment('510903-ZJJ', 'ACCEPTED')], accusing('510903-ZJJ'));
    assert.deepEqual(accessOf(housingHandler, units), {
      view: 'FULL',
      personalData: 'HIDDEN',
      materials: false,
    });
    assert.ok(!canSeePersonalData(housingHandler, units, CHAINS['510903-ZJJ'] ?? []));
    assert.deepEqual(accessOf(staff('510903-ZJJ', 'unit_leader'), units), {
      view: 'FULL',
      personalData: 'HIDDEN',
      materials: false,
    });
  });
  it('hides them from a unit under the accused unit', () => {
    const units = housingCase([assignment('510903-ZJJ', 'ACCEPTED')], accusing('510903-GOV'));
    assert.deepEqual(accessOf(housingHandler, units), {
      view: 'FULL',
      personalData: 'HIDDEN',
      materials: false,
    });
    // A unit beside the accused one is not concerned.
    const beside = housingCase([assignment('510903-ZRZYJ', 'ACCEPTED')], accusing('510903-ZJJ'));
    assert.deepEqual(accessOf(staff('510903-ZRZYJ', 'handler'), beside), {
      view: 'FULL',
      personalData: 'FULL',
      materials: true,
    });
  });
  it('hides the accuser from the accused petition bureau, which sees its territory', () => {
    const units = housingCase([assignment('510903-ZJJ', 'ACCEPTED')], accusing('510903-XFJ'));
    assert.deepEqual(accessOf(staff('510903-XFJ', 'dispatcher', 'registrar'), units), {
      view: 'FULL',
      personalData: 'HIDDEN',
      materials: false,
    });
  });
  it('masks the accuser for supervisors and admins above the accused unit', () => {
    const units = housingCase([assignment('510903-ZJJ', 'ACCEPTED')], accusing('510903-XFJ'));
    const supervisor = staff('510900-XFJ', 'supervisor', 'dispatcher');
    assert.deepEqual(accessOf(supervisor, units), {
      view: 'FULL',
      personalData: 'HIDDEN',
      materials: true,
    });
    assert.equal(accessOf(staff('510900-XFJ', 'admin'), units)?.personalData, 'HIDDEN');
    // Without the accusation, the same supervisor sees the petitioner masked as usual.
    assert.equal(accessOf(supervisor, housingCase(units.assignments))?.personalData, 'MASKED');
    // A supervisor of the accused unit itself: barred.
    assert.deepEqual(accessOf(staff('510903-XFJ', 'supervisor'), units), {
      view: 'FULL',
      personalData: 'HIDDEN',
      materials: false,
    });
  });
  it('lets the superior handling the case with an open assignment see everything', () => {
    const handling = housingCase([assignment('510903-GOV', 'ACCEPTED')], accusing('510903-ZJJ'));
    const governmentHandler = staff('510903-GOV', 'handler');
    assert.deepEqual(accessOf(governmentHandler, handling), {
      view: 'FULL',
      personalData: 'FULL',
      materials: true,
    });
    assert.ok(canSeePersonalData(governmentHandler, handling, CHAINS['510903-GOV'] ?? []));
    // Its own supervisors share the unit's open assignment (masked as any supervisor); those
    // of the unit above it, not handling the case, do not see the accuser.
    assert.equal(accessOf(staff('510903-GOV', 'supervisor'), handling)?.personalData, 'MASKED');
    assert.equal(accessOf(staff('510900-GOV', 'supervisor'), handling)?.personalData, 'HIDDEN');
    // Once its own assignment ended, the superior keeps a summary with the accuser hidden.
    const ended = housingCase([assignment('510903-GOV', 'CONCLUDED')], accusing('510903-ZJJ'));
    assert.deepEqual(accessOf(governmentHandler, ended), {
      view: 'SUMMARY',
      personalData: 'HIDDEN',
      materials: false,
    });
  });
});
