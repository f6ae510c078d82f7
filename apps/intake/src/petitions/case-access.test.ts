import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '#common';
import { canSeeCase } from './case-access.js';

const staff = (unitCode: string, ...roles: Role[]) => ({ id: 'u', username: 'u', unitCode, roles });
const assigned = [{ unitCode: '510903-XFJ', unitAncestors: ['510900-XFJ', '510900-GOV'] }];

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
    assert.ok(!canSeeCase(staff('510903-XFJ', 'handler'), []));
  });
  it('admins', () => {
    assert.ok(canSeeCase(staff('510981-XFJ', 'admin'), []));
  });
});
