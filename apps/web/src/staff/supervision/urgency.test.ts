import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../i18n/i18n';
import { issueRules, urgencyText } from './urgency';

// The end of 2026-12-07 in China (23:59:59.999 +08:00), as the API gives a last day.
const END_OF_DEC_7 = '2026-12-07T15:59:59.999Z';
// 10:00 on 7 December in China.
const EARLY_DEC_7 = '2026-12-07T02:00:00Z';
const at = (iso: string) => new Date(iso);

describe('how a deadline stands, in China calendar days', () => {
  it.each([
    // 00:30 on 8 December in China: one day overdue, though only half an hour has passed.
    { state: 'RED', dueAt: END_OF_DEC_7, now: '2026-12-07T16:30:00Z', key: 'overdueDays', n: 1 },
    // 23:00 on 9 December in China: two days.
    { state: 'RED', dueAt: END_OF_DEC_7, now: '2026-12-09T15:00:00Z', key: 'overdueDays', n: 2 },
    // Never zero days overdue when the clock ended earlier the same day.
    { state: 'RED', dueAt: EARLY_DEC_7, now: '2026-12-07T03:00:00Z', key: 'overdueDays', n: 1 },
    // 01:00 on 7 December in China, still the 6th in UTC: due today, not tomorrow.
    { state: 'YELLOW', dueAt: END_OF_DEC_7, now: '2026-12-06T17:00:00Z', key: 'dueToday', n: 0 },
    // 23:00 on 5 December in China: two days left.
    { state: 'YELLOW', dueAt: END_OF_DEC_7, now: '2026-12-05T15:00:00Z', key: 'daysLeft', n: 2 },
  ] as const)('$state, due $dueAt, at $now: $key ($n)', ({ state, dueAt, now, key, n }) => {
    expect(urgencyText({ dueAt, state }, at(now))).toEqual({ key: `supervision.${key}`, n });
  });
});

describe('the notice form checks what the API checks', () => {
  const rules = issueRules(makeI18n('zh')).instructions;
  it('requires the instructions, between 5 and 2000 characters', () => {
    expect(rules).toContainEqual({ required: true, whitespace: true, message: '必填' });
    expect(rules).toContainEqual({ min: 5, max: 2000, message: '应为5至2000个字' });
  });
});
