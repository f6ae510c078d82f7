import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mainlandMobileSchema, mainlandPhoneSchema } from './field-schemas.js';
import { normaliseMainlandLandline, phoneKind } from './phone.js';

describe('mainland phones staff record', () => {
  it('normalises landlines however they are written, with the extension kept', () => {
    const written: [string, string][] = [
      ['0825-2223344', '0825-2223344'],
      ['(0825)2223344', '0825-2223344'],
      ['（0825）2223344', '0825-2223344'],
      ['08252223344', '0825-2223344'],
      ['0825 222 3344', '0825-2223344'],
      ['010-12345678', '010-12345678'],
      ['+86 10 6234 5678', '010-62345678'],
      ['0825-2223344-801', '0825-2223344-801'],
      ['0825-2223344转801', '0825-2223344-801'],
      ['0825-2223344 分机 801', '0825-2223344-801'],
      ['0825-2223344 ext. 801', '0825-2223344-801'],
    ];
    for (const [value, normalised] of written) {
      assert.equal(mainlandPhoneSchema.parse(value), normalised, value);
      assert.equal(phoneKind(normalised), 'landline', value);
    }
  });

  it('normalises mobiles to 11 digits', () => {
    assert.equal(mainlandPhoneSchema.parse(' +86 132 8083 7583 '), '13280837583');
    assert.equal(phoneKind('13280837583'), 'mobile');
  });

  it('refuses what is neither, naming the problem in both languages', () => {
    for (const value of [
      '2223344', // no area code
      '0825-222334', // too short
      '400-123-4567', // a shared-cost hotline, not a line
      '13280837583转801', // a mobile has no extension
      '0825-2223344转8011234',
      'phone',
    ]) {
      const result = mainlandPhoneSchema.safeParse(value);
      assert.equal(result.success, false, value);
      assert.equal(normaliseMainlandLandline(value), null, value);
      const issue = result.error.issues[0];
      const params: Record<string, unknown> = issue?.code === 'custom' ? (issue.params ?? {}) : {};
      assert.equal(params.code, 'phone_invalid');
    }
  });

  it('keeps the mobile-only schema refusing landlines', () => {
    assert.equal(mainlandMobileSchema.safeParse('0825-2223344').success, false);
  });
});
