import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaDateOf } from '#common';
import { formatCaseNo } from './case-number.js';

describe('case numbers', () => {
  it('read territory, day and sequence', () => {
    assert.equal(formatCaseNo('510921', '2026-11-22', 123), 'XF-510921-20261122-000123');
  });

  it('use the day in China, not in UTC', () => {
    assert.equal(chinaDateOf(new Date('2026-11-21T15:59:59Z')), '2026-11-21');
    assert.equal(chinaDateOf(new Date('2026-11-21T16:00:00Z')), '2026-11-22');
  });
});
