import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalisePetitionText } from './petition-text.js';

describe('normalisePetitionText', () => {
  it('reads Traditional characters and full-width forms as routing’s term lists are written', () => {
    assert.equal(
      normalisePetitionText('舉報派出所民警收受紅包，請紀委調查！ＡＢＣ１２３'),
      '举报派出所民警收受红包,请纪委调查!ABC123',
    );
    assert.equal(normalisePetitionText('锦绣华庭逾期不交房'), '锦绣华庭逾期不交房');
  });
});
