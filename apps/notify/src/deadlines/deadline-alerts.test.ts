import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { endOfChinaDay } from '#common';
import { readPackageCalendar } from '../calendar/calendar-import.js';
import { WorkCalendar } from '../calendar/work-calendar.js';
import {
  firstAlertAt,
  nextSweepDelay,
  parseReminderOffsets,
  planAlert,
  reminders,
  reminderTimeOfDay,
} from './deadline-alerts.js';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

const packageData = await readPackageCalendar();
const calendar = new WorkCalendar(packageData.days, packageData.years);
const DEFAULT = parseReminderOffsets('3w,1d,0d');

/** A deadline whose reminders go at 08:00 sharp (its id puts it at the start of the hour). */
const id = '00000000-0000-4000-8000-000000000000';
/** 2026-10-09 is the Friday after the National Day holiday (10-01..10-07). */
const dueAt = endOfChinaDay('2026-10-09');
const schedule = reminders({ id, dueAt }, DEFAULT, calendar);

describe('reminder offsets', () => {
  it('reads working and calendar days, the last day as 0d', () => {
    assert.deepEqual(parseReminderOffsets('3w,1d,0d'), [
      { days: 3, unit: 'w' },
      { days: 1, unit: 'd' },
      { days: 0, unit: 'd' },
    ]);
    assert.deepEqual(parseReminderOffsets('0w'), [{ days: 0, unit: 'd' }]);
    assert.throws(() => parseReminderOffsets('3x'), RangeError);
  });

  it('counts working days back over a holiday, calendar days straight back', () => {
    // 3 working days before Fri 10-09: Thu 10-08, then over 10-01..10-07 to Wed 09-30, Tue 09-29.
    assert.deepEqual(
      schedule.map((r) => [r.at, r.offset.days]),
      [
        [china('2026-09-29T08:00:00'), 3],
        [china('2026-10-08T08:00:00'), 1],
        [china('2026-10-09T08:00:00'), 0],
      ],
    );
  });

  it('counts a make-up working day (调休) as a working day and a Sunday as a calendar day', () => {
    // Mon 10-12: Sat 10-10 was worked, so 3 working days back are 10-10, 10-09 and 10-08.
    const monday = reminders({ id, dueAt: endOfChinaDay('2026-10-12') }, DEFAULT, calendar);
    assert.deepEqual(
      monday.map((r) => r.at),
      [china('2026-10-08T08:00:00'), china('2026-10-11T08:00:00'), china('2026-10-12T08:00:00')],
    );
  });

  it('gives one reminder when two offsets fall on the same day', () => {
    // Tue 11-17: one working day and one calendar day before are both Mon 11-16.
    const tuesday = reminders(
      { id, dueAt: endOfChinaDay('2026-11-17') },
      parseReminderOffsets('1w,1d'),
      calendar,
    );
    assert.deepEqual(
      tuesday.map((r) => r.at),
      [china('2026-11-16T08:00:00')],
    );
  });

  it('sends each deadline its reminders at its own minute of 08:00-09:00, the same each day', () => {
    assert.equal(reminderTimeOfDay(id), 8 * 3_600_000);
    // 0xffffffff ms after the start of the hour, modulo the hour: 08:02:47.295.
    assert.equal(
      reminderTimeOfDay('ffffffff-0000-4000-8000-000000000000'),
      8 * 3_600_000 + 167_295,
    );
    for (const other of [randomUUID(), randomUUID(), randomUUID()]) {
      const time = reminderTimeOfDay(other);
      assert.ok(time >= 8 * 3_600_000 && time < 9 * 3_600_000);
      for (const reminder of reminders({ id: other, dueAt }, DEFAULT, calendar)) {
        // China midnight is 16:00 UTC: the time of day in China is 8 hours after the UTC one.
        const chinaTimeOfDay = (reminder.at.getTime() + 8 * 3_600_000) % 86_400_000;
        assert.equal(chinaTimeOfDay, time);
      }
    }
  });

  it('drops a reminder that would come after the deadline (one ending early on its last day)', () => {
    const early = reminders({ id, dueAt: china('2026-10-09T07:00:00') }, DEFAULT, calendar);
    assert.deepEqual(
      early.map((r) => r.offset.days),
      [3, 1],
    );
  });
});

describe('which alert a deadline is owed, and when next', () => {
  const open = { id, dueAt, nextAlertAt: china('2026-09-29T08:00:00'), overdueAt: null };

  it('sends each reminder in the morning of its day, then waits for the next', () => {
    assert.deepEqual(planAlert(open, schedule, china('2026-09-29T08:00:00')), {
      alert: { kind: 'REMINDER', offset: { days: 3, unit: 'w' } },
      next: china('2026-10-08T08:00:00'),
    });
    const dayBefore = { ...open, nextAlertAt: china('2026-10-08T08:00:00') };
    assert.deepEqual(planAlert(dayBefore, schedule, china('2026-10-08T09:30:00')), {
      alert: { kind: 'REMINDER', offset: { days: 1, unit: 'd' } },
      next: china('2026-10-09T08:00:00'),
    });
    const lastDay = { ...open, nextAlertAt: china('2026-10-09T08:00:00') };
    assert.deepEqual(planAlert(lastDay, schedule, china('2026-10-09T23:59:59.999')), {
      alert: { kind: 'REMINDER', offset: { days: 0, unit: 'd' } },
      next: new Date(dueAt.getTime() + 1),
    });
  });

  it('does not send a missed reminder late: after downtime only the latest one due goes', () => {
    // notify was down from 09-28 to the last day: neither the 3w nor the 1d reminder is sent now.
    assert.deepEqual(planAlert(open, schedule, china('2026-10-09T09:00:00')).alert, {
      kind: 'REMINDER',
      offset: { days: 0, unit: 'd' },
    });
  });

  it('escalates at the first instant after the deadline, then reminds each morning', () => {
    assert.deepEqual(planAlert(open, schedule, china('2026-10-10T00:00:00')), {
      alert: { kind: 'OVERDUE' },
      next: china('2026-10-11T08:00:00'),
    });
    const escalated = { ...open, overdueAt: china('2026-10-10T00:00:01') };
    assert.deepEqual(planAlert(escalated, schedule, china('2026-10-12T08:00:30')), {
      alert: { kind: 'STILL_OVERDUE', days: 3 },
      next: china('2026-10-13T08:00:00'),
    });
  });

  it('sends nothing when looked at early, and says when to look again', () => {
    const early = { ...open, nextAlertAt: new Date(dueAt.getTime() - 30 * 86_400_000) };
    assert.deepEqual(planAlert(early, schedule, china('2026-09-20T10:00:00')), {
      alert: null,
      next: china('2026-09-29T08:00:00'),
    });
  });

  it('owes a deadline opened in its reminder days the reminder due now, else its first one', () => {
    assert.deepEqual(
      firstAlertAt(dueAt, schedule, china('2026-10-08T15:00:00')),
      china('2026-10-08T08:00:00'),
    );
    assert.deepEqual(
      firstAlertAt(dueAt, schedule, china('2026-09-01T15:00:00')),
      china('2026-09-29T08:00:00'),
    );
    assert.deepEqual(
      firstAlertAt(dueAt, [], china('2026-09-01T15:00:00')),
      new Date(dueAt.getTime() + 1),
    );
  });

  it('handles a deadline due in the middle of a day (a report-back time set by the hour)', () => {
    const noon = { id, dueAt: china('2026-10-09T12:00:00'), nextAlertAt: null, overdueAt: null };
    assert.equal(planAlert(noon, [], china('2026-10-09T12:00:00')).alert, null);
    assert.deepEqual(planAlert(noon, [], china('2026-10-09T12:00:00.001')).alert, {
      kind: 'OVERDUE',
    });
  });
});

describe('when the sweep runs next', () => {
  it('waits its interval during the day', () => {
    assert.equal(nextSweepDelay(china('2026-10-08T13:20:00'), 60_000), 60_000);
  });

  it('wakes at China midnight, when deadlines pass due and are escalated', () => {
    assert.equal(nextSweepDelay(china('2026-10-08T23:59:30'), 60_000), 30_000);
    assert.equal(nextSweepDelay(china('2026-10-08T23:59:59.999'), 60_000), 1);
  });
});
