import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '#common';
import { bureauTerritory, canSeeCase, canSeePersonalData } from './case-access.js';

const staff = (unitCode: string, ...roles: Role[]) => ({ id: 'u', username: 'u', unitCode, roles });
const assigned = {
  registeredByUnit: null,
  assignments: [{ unitCode: '510903-XFJ', unitAncestors: ['510900-XFJ', '510900-GOV'] }],
  division: '510903012',
};
const unassigned = { registeredByUnit: null, assignments: [], division: '510903012' };

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
    assert.ok(canSeePersonalData(staff('510900-XFJ', 'registrar'), registered));
  });
});

describe('who sees personal data unmasked', () => {
  it('contact roles of the case units only', () => {
    assert.ok(canSeePersonalData(staff('510903-XFJ', 'handler'), assigned));
    assert.ok(!canSeePersonalData(staff('510900-XFJ', 'supervisor'), assigned));
    assert.ok(!canSeePersonalData(staff('510981-XFJ', 'admin'), assigned));
    assert.ok(!canSeePersonalData(staff('510981-XFJ', 'handler'), assigned));
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
    assert.ok(!canSeePersonalData(staff('510903-XFJ', 'dispatcher'), unassigned));
  });
});
