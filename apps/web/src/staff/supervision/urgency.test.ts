import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../i18n/i18n';
import { issueRules, urgencyText } from './urgency';

// The end of 2026-12-07 in China (23:59:59.999 +08:00), as the API gives a last day.
const END_OF_DEC_7 = '2026-12-07T15:59:59.999Z';
const at = (iso: string) => new Date(iso);

describe('how a deadline stands, in China calendar days', () => {
  it('counts the days past the last day of an overdue deadline', () => {
    const red = { dueAt: END_OF_DEC_7, state: 'RED' as const };
    // 00:30 on 8 December in China: one day overdue, though only half an hour has passed.
    expect(urgencyText(red, at('2026-12-07T16:30:00Z'))).toEqual({
      key: 'supervision.overdueDays',
      n: 1,
    });
    // 23:00 on 9 December in China: two days.
    expect(urgencyText(red, at('2026-12-09T15:00:00Z'))).toEqual({
      key: 'supervision.overdueDays',
      n: 2,
    });
  });

  it('never says zero days overdue when the clock ended earlier the same day', () => {
    const red = { dueAt: '2026-12-07T02:00:00Z', state: 'RED' as const };
    expect(urgencyText(red, at('2026-12-07T03:00:00Z')).n).toBe(1);
  });

  it('says due today, or the days left, for a near-due deadline', () => {
    const yellow = { dueAt: END_OF_DEC_7, state: 'YELLOW' as const };
    // 01:00 on 7 December in China, still the 6th in UTC: due today, not tomorrow.
    expect(urgencyText(yellow, at('2026-12-06T17:00:00Z'))).toEqual({
      key: 'supervision.dueToday',
      n: 0,
    });
    // 23:00 on 5 December in China: two days left.
    expect(urgencyText(yellow, at('2026-12-05T15:00:00Z'))).toEqual({
      key: 'supervision.daysLeft',
      n: 2,
    });
  });
});

describe('the notice form checks what the API checks', () => {
  const rules = issueRules(makeI18n('zh')).instructions;
  it('requires the instructions, between 5 and 2000 characters', () => {
    expect(rules).toContainEqual({ required: true, whitespace: true, message: '必填' });
    expect(rules).toContainEqual({ min: 5, max: 2000, message: '应为5至2000个字' });
  });
});
