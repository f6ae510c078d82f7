import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idNumberSchema } from './field-schemas.js';
import { idNumberCheckChar, idNumberForMatching, idNumberProblem } from './id-number.js';

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

describe('first-generation ID numbers (GB 11643-1989, 15 digits)', () => {
  it('accepts them: area, birth date YYMMDD of the 1900s, sequence, no check character', () => {
    assert.equal(idNumberProblem('510903880901000'), null);
    assert.equal(idNumberProblem('110105491231002'), null);
  });

  it('names what is wrong: an unknown province or a date that never was', () => {
    assert.equal(idNumberProblem('990903880901000'), 'area');
    assert.equal(idNumberProblem('000000880901000'), 'area');
    assert.equal(idNumberProblem('510903880230000'), 'birth_date'); // 30 February 1988
    assert.equal(idNumberProblem('510903881301000'), 'birth_date'); // month 13
    assert.equal(idNumberProblem('51090388090100X'), 'format'); // no check character to be X
  });

  it('matches in the 18-character form of the same person', () => {
    assert.equal(idNumberForMatching('510903880901000'), '510903198809010006');
    assert.equal(idNumberForMatching('110105491231002'), '11010519491231002X');
    assert.equal(idNumberForMatching('51098119690122885x'), '51098119690122885X');
    assert.equal(idNumberForMatching('510903198809010006'), '510903198809010006');
  });

  it('is kept as written by the schema, with a bilingual reason when refused', () => {
    assert.equal(idNumberSchema.parse(' 510903880901000 '), '510903880901000');
    const result = idNumberSchema.safeParse('990903880901000');
    const issue = result.error?.issues[0];
    const params: Record<string, unknown> = issue?.code === 'custom' ? (issue.params ?? {}) : {};
    assert.equal(params.code, 'id_number_area');
    assert.match(String(params.en), /area code/);
  });
});
