import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseDivisionCode } from './divisions.service.js';

describe('division codes', () => {
  it('keeps county and township codes', () => {
    assert.equal(normaliseDivisionCode('510903'), '510903');
    assert.equal(normaliseDivisionCode('510903001'), '510903001');
  });

  it('shortens the 12-digit NBS form', () => {
    assert.equal(normaliseDivisionCode('510903001000'), '510903001');
    assert.equal(normaliseDivisionCode('510903000000'), '510903');
    assert.equal(normaliseDivisionCode('510903000'), '510903');
  });

  it('refuses village codes and anything else', () => {
    assert.equal(normaliseDivisionCode('510903001001'), null); // a village
    for (const code of ['', '51090', '5109031', '5109030010', '51090300100', '5109030010000']) {
      assert.equal(normaliseDivisionCode(code), null, code);
    }
    assert.equal(normaliseDivisionCode('51090a'), null);
    assert.equal(normaliseDivisionCode(' 510903'), null);
    assert.equal(normaliseDivisionCode('５１０９０３'), null); // full-width digits
  });
});
