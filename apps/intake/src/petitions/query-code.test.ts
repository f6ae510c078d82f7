import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueryCodes } from './query-code.js';

const codes = new QueryCodes('s'.repeat(32));

describe('query codes', () => {
  it('are 10 Crockford base32 characters: 50 bits', () => {
    const code = codes.generate();
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{10}$/);
    const many = new Set(Array.from({ length: 2000 }, () => codes.generate()));
    assert.equal(many.size, 2000);
  });

  it('are stored as a keyed hash that only the same secret reproduces', () => {
    const code = codes.generate();
    const hash = codes.hash(code);
    assert.ok(!hash.includes(code));
    assert.ok(codes.matches(code, hash));
    assert.ok(!new QueryCodes('t'.repeat(32)).matches(code, hash));
    assert.ok(!codes.matches(codes.generate(), hash));
  });

  it('forgive how people type them', () => {
    const hash = codes.hash('0AB1-CD2EF3');
    assert.ok(codes.matches('oab1 cd2ef3', hash));
    assert.ok(codes.matches('OABLCD2EF3', hash));
    assert.ok(codes.matches('0abicd2ef3', hash));
  });
});
