import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idNumberCheckChar, idNumberProblem } from './id-number.js';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts valid numbers, including an X check character', () => {
    // Check characters computed by hand with ISO 7064 MOD 11-2.
    assert.equal(idNumberProblem('510903198809010006'), null);
    assert.equal(idNumberProblem('51098119690122885X'), null);
    assert.equal(idNumberProblem('11010519491231002X'), null);
  });

  it('computes the check character', () => {
    assert.equal(idNumberCheckChar('11010519491231002'), 'X');
    assert.equal(idNumberCheckChar('51090319880901000'), '6');
  });

  it('names what is wrong', () => {
    assert.equal(idNumberProblem('510903198809010007'), 'check_digit');
    assert.equal(idNumberProblem('5109031988090100'), 'format');
    assert.equal(idNumberProblem('51090319880901000x'), 'format');
    assert.equal(idNumberProblem('510903198802300004'), 'birth_date'); // 30 February
    assert.equal(idNumberProblem('510903188809010006'), 'birth_date'); // before 1900
    assert.equal(idNumberProblem('510903209901010006'), 'birth_date'); // in the future
  });
});
