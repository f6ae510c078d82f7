import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endOfChinaDay } from '#common';
import { alertDue, dueRanges, nextSweepDelay, type DeadlineAlert } from './deadline-alerts.js';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

/** A conclusion deadline whose last day is 2026-10-10. */
const open = {
  status: 'OPEN' as const,
  dueAt: endOfChinaDay('2026-10-10'),
  remindedDueSoonAt: null,
  remindedDueTodayAt: null,
  overdueAt: null,
};

describe('which alert a deadline is owed at an instant (China days)', () => {
  const cases: [string, DeadlineAlert | null, string][] = [
    ['2026-09-01T09:00:00', null, 'weeks before'],
    ['2026-10-07T23:59:59.999', null, 'the evening before its last 3 days'],
    ['2026-10-08T00:00:00', 'DUE_SOON', 'its last 3 days begin (10-08, 10-09, 10-10)'],
    ['2026-10-09T15:00:00', 'DUE_SOON', 'the day before the last'],
    ['2026-10-10T00:00:00', 'DUE_TODAY', 'its last day begins'],
    ['2026-10-10T23:59:59.999', 'DUE_TODAY', 'the last millisecond of its last day'],
    ['2026-10-11T00:00:00', 'OVERDUE', 'the first instant after'],
    ['2026-12-01T00:00:00', 'OVERDUE', 'long after'],
  ];
  for (const [at, expected, why] of cases) {
    it(`${at} China time: ${expected ?? 'nothing'} (${why})`, () => {
      assert.equal(alertDue(open, china(at)), expected);
    });
  }

  it('counts China days, not UTC days: 10-08 00:30 in China is still 10-07 in UTC', () => {
    assert.equal(alertDue(open, new Date('2026-10-07T16:30:00Z')), 'DUE_SOON');
    assert.equal(alertDue(open, new Date('2026-10-07T15:59:59Z')), null);
  });

  it('sends each alert once: one already recorded is not owed again', () => {
    const reminded = { ...open, remindedDueSoonAt: china('2026-10-08T00:00:01') };
    assert.equal(alertDue(reminded, china('2026-10-09T10:00:00')), null);
    assert.equal(alertDue(reminded, china('2026-10-10T08:00:00')), 'DUE_TODAY');
    const escalated = { ...open, overdueAt: china('2026-10-11T00:00:01') };
    assert.equal(alertDue(escalated, china('2026-10-12T00:00:00')), null);
  });

  it('does not send a missed reminder late: a deadline found on its last day gets only that day', () => {
    // notify was down from 10-07 to 10-10: the 3-day reminder was never sent and is not owed now.
    assert.equal(alertDue(open, china('2026-10-10T09:00:00')), 'DUE_TODAY');
    assert.equal(alertDue(open, china('2026-10-11T09:00:00')), 'OVERDUE');
  });

  it('owes nothing for a closed deadline, however late', () => {
    assert.equal(alertDue({ ...open, status: 'CLOSED' }, china('2026-10-12T00:00:00')), null);
  });

  it('handles a deadline due in the middle of a day (a report-back time set by the hour)', () => {
    const noon = { ...open, dueAt: china('2026-10-10T12:00:00') };
    // A due time is the last instant allowed, as 23:59:59.999 is for a day.
    assert.equal(alertDue(noon, china('2026-10-10T12:00:00')), 'DUE_TODAY');
    assert.equal(alertDue(noon, china('2026-10-10T12:00:00.001')), 'OVERDUE');
  });

  it('splits the due times into ranges that meet without overlapping', () => {
    const now = china('2026-10-08T13:20:00');
    const ranges = dueRanges(now);
    assert.deepEqual(ranges.OVERDUE, { from: null, until: now });
    assert.deepEqual(ranges.DUE_TODAY, { from: now, until: china('2026-10-09T00:00:00') });
    assert.deepEqual(ranges.DUE_SOON, {
      from: china('2026-10-09T00:00:00'),
      until: china('2026-10-11T00:00:00'),
    });
  });
});

describe('when the sweep runs next', () => {
  it('waits its interval during the day', () => {
    assert.equal(nextSweepDelay(china('2026-10-08T13:20:00'), 60_000), 60_000);
  });

  it('wakes at China midnight, when deadlines pass due and others enter their last days', () => {
    assert.equal(nextSweepDelay(china('2026-10-08T23:59:30'), 60_000), 30_000);
    assert.equal(nextSweepDelay(china('2026-10-08T23:59:59.999'), 60_000), 1);
  });
});
