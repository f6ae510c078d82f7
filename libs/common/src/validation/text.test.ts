import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMalformedText, malformedTextPaths, wellFormedStrings, wellFormedText } from './text.js';

describe('malformed text', () => {
  it('is NUL or half a surrogate pair; whole pairs and marks are text', () => {
    for (const text of ['\u0000', 'a\u0000', '\ud800', 'x\udfff', '\udc00\ud800']) {
      assert.equal(isMalformedText(text), true, JSON.stringify(text));
    }
    for (const text of ['', '信访', '𠮷', '\u{1F600}', '\u202e\u200f\ufeff', '%00']) {
      assert.equal(isMalformedText(text), false, JSON.stringify(text));
    }
  });

  it('finds the paths of strings and keys holding it', () => {
    assert.deepEqual(
      malformedTextPaths({ a: ['ok', 'b\u0000'], c: { d: '\ud800' }, 'k\u0000': 1 }),
      [['a', 1], ['c', 'd'], ['k\ufffd']],
    );
    assert.deepEqual(malformedTextPaths('\u0000'), [[]]);
    assert.deepEqual(malformedTextPaths({ a: 1, b: null, c: '信' }), []);
  });

  it('is replaced by U+FFFD where it must be stored, as PostgreSQL would keep it', () => {
    assert.equal(wellFormedText('a\u0000b\ud800c𠮷'), 'a\ufffdb\ufffdc𠮷');
    assert.deepEqual(wellFormedStrings({ u: 'x\u0000', n: 1, d: { l: ['\udc00'] } }), {
      u: 'x\ufffd',
      n: 1,
      d: { l: ['\ufffd'] },
    });
  });
});
