import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCEPTANCE_DAYS, endOfDayAfter } from './deadline-rules.js';

describe('calendar-day deadlines', () => {
  it('do not count the first day and end at midnight China time', () => {
    // Received 22 November, 10:00 in China: 15 days from the 23rd ends on 7 December, 24:00.
    const due = endOfDayAfter(new Date('2026-11-22T10:00:00+08:00'), ACCEPTANCE_DAYS);
    assert.equal(due.toISOString(), '2026-12-07T15:59:59.999Z');
  });

  it('use the China date even when UTC is still on the day before', () => {
    const due = endOfDayAfter(new Date('2026-11-21T16:30:00Z'), 15); // 00:30 on the 22nd in China
    assert.equal(due.toISOString(), '2026-12-07T15:59:59.999Z');
  });
});
