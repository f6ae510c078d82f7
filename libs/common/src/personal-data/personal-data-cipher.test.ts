import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { maskIdNumber, maskPhone, PersonalDataCipher } from './personal-data-cipher.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const hashKey = randomBytes(32);

describe('personal data at rest', () => {
  it('round-trips and never stores the plaintext', () => {
    const cipher = new PersonalDataCipher([k1], hashKey);
    const sealed = cipher.encrypt('idNumber', '510903198809010006');
    assert.ok(!sealed.includes('510903198809010006'));
    assert.match(sealed, /^v1\.k1\./);
    assert.equal(cipher.decrypt('idNumber', sealed), '510903198809010006');
    assert.notEqual(cipher.encrypt('idNumber', '510903198809010006'), sealed, 'random IV');
  });

  it('binds a value to its field and detects tampering', () => {
    const cipher = new PersonalDataCipher([k1], hashKey);
    const sealed = cipher.encrypt('phone', '13280837583');
    assert.throws(() => cipher.decrypt('name', sealed));
    const parts = sealed.split('.');
    parts[4] = Buffer.from('13280837584').toString('base64url');
    assert.throws(() => cipher.decrypt('phone', parts.join('.')));
  });

  it('rotates keys: new values use the first key, old ones still open', () => {
    const old = new PersonalDataCipher([k1], hashKey).encrypt('name', '李晓燕');
    const rotated = new PersonalDataCipher([k2, k1], hashKey);
    assert.equal(rotated.decrypt('name', old), '李晓燕');
    assert.match(rotated.encrypt('name', '李晓燕'), /^v1\.k2\./);
    assert.throws(() => new PersonalDataCipher([k2], hashKey).decrypt('name', old), /key k1/);
  });

  it('matches equal values by blind index, per field, under its own key', () => {
    const cipher = new PersonalDataCipher([k1], hashKey);
    const index = cipher.blindIndex('phone', '13280837583');
    assert.equal(new PersonalDataCipher([k2], hashKey).blindIndex('phone', '13280837583'), index);
    assert.notEqual(cipher.blindIndex('idNumber', '13280837583'), index);
    assert.notEqual(
      new PersonalDataCipher([k1], randomBytes(32)).blindIndex('phone', '13280837583'),
      index,
    );
  });

  it('reads its keys from settings and refuses a short key', () => {
    const cipher = PersonalDataCipher.fromSettings(
      PersonalDataCipher.newKeySetting('a'),
      'h'.repeat(32),
    );
    assert.equal(cipher.decrypt('address', cipher.encrypt('address', '船山区')), '船山区');
    assert.throws(() => PersonalDataCipher.fromSettings('a:c2hvcnQ=', 'h'.repeat(32)), /32 bytes/);
  });

  it('masks ID numbers and phones for display', () => {
    assert.equal(maskIdNumber('510921198809011234'), '510921********1234');
    assert.equal(maskPhone('13856785678'), '138****5678');
    assert.equal(maskIdNumber('510903880901000'), '510903*****1000');
    assert.equal(maskPhone('0825-2223344'), '0825-***3344');
    assert.equal(maskPhone('010-62345678-801'), '010-****5678-***');
  });
});
