import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerToken } from './staff-user.js';

describe('bearerToken', () => {
  it('takes the one token of a Bearer header', () => {
    assert.equal(bearerToken('Bearer abc.def-ghi_jkl'), 'abc.def-ghi_jkl');
    assert.equal(bearerToken('Bearer YWJj=='), 'YWJj==');
  });

  it('refuses two tokens, other schemes, stray spaces and no token', () => {
    // `Bearer <stranger's token> <own token>` must not pass as either (found by fuzz:api).
    for (const header of [
      'Bearer a.b.c a.b.c',
      'bearer a.b.c',
      'Basic YWRtaW46eA==',
      'Bearer  a.b.c',
      'Bearer a.b.c ',
      'Bearer ',
      'Bearer',
      '',
      undefined,
    ]) {
      assert.equal(bearerToken(header), undefined, String(header));
    }
  });
});
