import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StaffUser } from '#common';
import { endsCallBack, mayCall, petitionerChannel } from './call-back-rules.js';

const staff = (unitCode: string, ...roles: StaffUser['roles']): StaffUser => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: 'someone',
  unitCode,
  roles,
});

describe('call-backs', () => {
  it('texts mobiles and calls landlines; a phone of no kind is an older mobile', () => {
    assert.equal(petitionerChannel('mobile'), 'sms');
    assert.equal(petitionerChannel('landline'), 'call-back');
    assert.equal(petitionerChannel(null), 'sms');
  });

  it('is for the registering unit’s registrars and dispatchers, and admins', () => {
    assert.equal(mayCall(staff('SN_XFJ', 'registrar'), 'SN_XFJ'), true);
    assert.equal(mayCall(staff('SN_XFJ', 'dispatcher'), 'SN_XFJ'), true);
    assert.equal(mayCall(staff('SN_XFJ', 'handler'), 'SN_XFJ'), false);
    assert.equal(mayCall(staff('CS_ZJJ', 'registrar'), 'SN_XFJ'), false);
    assert.equal(mayCall(staff('SN_XFJ', 'registrar'), null), false);
    assert.equal(mayCall(staff('ANY', 'admin'), null), true);
  });

  it('ends when the petitioner was told or the number is wrong, not when nobody answered', () => {
    assert.equal(endsCallBack('TOLD'), true);
    assert.equal(endsCallBack('WRONG_NUMBER'), true);
    assert.equal(endsCallBack('NOT_REACHED'), false);
  });
});
