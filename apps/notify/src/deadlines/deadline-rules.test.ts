import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '#common';
import { deadlineRules } from './deadline-rules.js';

const base = {
  JWT_SECRET: 'x'.repeat(32),
  QUERY_CODE_SECRET: 'y'.repeat(32),
  PERSONAL_DATA_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`,
  PERSONAL_DATA_HASH_KEY: 'z'.repeat(32),
};

describe('deadline counting per kind', () => {
  it('counts calendar days as the regulation says, unless configured per kind', () => {
    const law = deadlineRules(loadConfig(base).DEADLINE_WORKING_DAY_KINDS);
    assert.ok(Object.values(law).every((rule) => rule.counting === 'CALENDAR_DAYS'));
    const office = deadlineRules(
      loadConfig({ ...base, DEADLINE_WORKING_DAY_KINDS: 'ACCEPTANCE,FORWARD' })
        .DEADLINE_WORKING_DAY_KINDS,
    );
    assert.deepEqual(
      Object.entries(office).map(([kind, rule]) => [kind, rule.days, rule.counting]),
      [
        ['FORWARD', 15, 'WORKING_DAYS'],
        ['ACCEPTANCE', 15, 'WORKING_DAYS'],
        ['CONCLUSION', 60, 'CALENDAR_DAYS'],
        ['REVIEW', 30, 'CALENDAR_DAYS'],
        ['RE_REVIEW', 30, 'CALENDAR_DAYS'],
      ],
    );
  });

  it('refuses an unknown kind in the setting', () => {
    assert.throws(() => loadConfig({ ...base, DEADLINE_WORKING_DAY_KINDS: 'ACCEPTANCE,LUNCH' }));
  });
});
