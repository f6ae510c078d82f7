import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readPackageCalendar } from './calendar-import.js';
import { dueDate, type DayCounting, type DueDate } from './deadline-calendar.js';
import { WorkCalendar } from './work-calendar.js';

// The State Council schedules these cases rely on are listed in work-calendar.test.ts.
const packageData = await readPackageCalendar();
const calendar = new WorkCalendar(packageData.days, packageData.years);

interface Case {
  start: string;
  days: number;
  counting: DayCounting;
  expected: DueDate;
  why: string;
}

const due = (dueDay: string, shifted = false, provisional = false): DueDate => ({
  dueDay,
  shifted,
  provisional,
});

const calendarDayCases: Case[] = [
  // 春节 2025: 01-28..02-04, worked 01-26 (Sun) and 02-08 (Sat).
  {
    start: '2025-01-15',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-02-05', true),
    why: 'ends on 01-30 in 春节, moves to the first day after it',
  },
  {
    start: '2025-01-11',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-01-26'),
    why: 'ends on Sunday 01-26, a make-up working day: stays',
  },
  {
    start: '2025-01-24',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-02-08'),
    why: 'ends on Saturday 02-08, a make-up working day: stays',
  },
  {
    start: '2025-01-25',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-02-10', true),
    why: 'ends on an ordinary Sunday after 春节',
  },
  // 春节 2026: 02-15..02-23, worked 02-14 (Sat) and 02-28 (Sat).
  {
    start: '2026-02-05',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-02-24', true),
    why: 'ends on Friday 02-20 in 春节',
  },
  {
    start: '2026-02-08',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-02-24', true),
    why: 'ends on Monday 02-23, the last day of 春节',
  },
  {
    start: '2026-01-30',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-02-14'),
    why: 'ends on Saturday 02-14, worked before 春节',
  },
  {
    start: '2026-02-13',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-02-28'),
    why: 'ends on Saturday 02-28, worked after 春节',
  },
  {
    start: '2026-02-14',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-03-02', true),
    why: 'ends on an ordinary Sunday',
  },
  {
    start: '2025-12-20',
    days: 60,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-02-24', true),
    why: 'a 60-day period across the year end ending on 02-18 in 春节',
  },
  // 国庆节 2025: 10-01..10-08, worked 09-28 (Sun) and 10-11 (Sat).
  {
    start: '2025-09-16',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-10-09', true),
    why: 'ends on 10-01',
  },
  {
    start: '2025-09-23',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-10-09', true),
    why: 'ends on Wednesday 10-08, the last day of the holiday',
  },
  {
    start: '2025-09-24',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-10-09'),
    why: 'ends on the first working day after it',
  },
  {
    start: '2025-09-13',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-09-28'),
    why: 'ends on Sunday 09-28, worked before 国庆节',
  },
  {
    start: '2025-09-26',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-10-11'),
    why: 'ends on Saturday 10-11, worked after 国庆节',
  },
  // 中秋 2026 09-25..09-27; 国庆节 2026 10-01..10-07, worked 09-20 (Sun) and 10-10 (Sat).
  {
    start: '2026-09-10',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-09-28', true),
    why: 'ends on Friday 09-25, 中秋',
  },
  {
    start: '2026-09-05',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-09-20'),
    why: 'ends on Sunday 09-20, worked before 国庆节',
  },
  {
    start: '2026-09-16',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-10-08', true),
    why: 'ends on 10-01',
  },
  {
    start: '2026-09-25',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-10-10'),
    why: 'ends on Saturday 10-10, worked after 国庆节',
  },
  {
    start: '2026-09-26',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-10-12', true),
    why: 'ends on an ordinary Sunday after 国庆节',
  },
  // 劳动节 2025 05-01..05-05, worked 04-27 (Sun); 2026 05-01..05-05, worked 05-09 (Sat).
  {
    start: '2025-04-16',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-05-06', true),
    why: 'ends on 05-01',
  },
  {
    start: '2025-04-12',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-04-27'),
    why: 'ends on Sunday 04-27, worked before 劳动节',
  },
  {
    start: '2026-04-20',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-05-06', true),
    why: 'ends on Tuesday 05-05, the last day of 劳动节',
  },
  {
    start: '2026-04-24',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-05-09'),
    why: 'ends on Saturday 05-09, worked after 劳动节',
  },
  // Ordinary weeks.
  {
    start: '2025-03-01',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-03-17', true),
    why: 'ends on an ordinary Sunday',
  },
  {
    start: '2025-03-07',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-03-24', true),
    why: 'ends on an ordinary Saturday',
  },
  {
    start: '2025-03-06',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2025-03-21'),
    why: 'ends on a Friday',
  },
  // Year ends.
  {
    start: '2025-12-17',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-01-04', true),
    why: 'ends on 元旦 2026; the next working day is Sunday 01-04 (调休)',
  },
  {
    start: '2026-12-16',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2026-12-31'),
    why: 'ends on the last covered day',
  },
  {
    start: '2026-12-17',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2027-01-04', true, true),
    why: 'ends on 元旦 2027, provisional: moved over the weekend to Monday',
  },
  {
    start: '2026-12-19',
    days: 15,
    counting: 'CALENDAR_DAYS',
    expected: due('2027-01-04', true, true),
    why: 'ends on Sunday 2027-01-03, beyond the calendar',
  },
];

const workingDayCases: Case[] = [
  {
    start: '2026-02-13',
    days: 5,
    counting: 'WORKING_DAYS',
    expected: due('2026-02-27'),
    why: '02-14 (调休), then 02-24..02-27 after 春节',
  },
  {
    start: '2026-02-13',
    days: 6,
    counting: 'WORKING_DAYS',
    expected: due('2026-02-28'),
    why: 'the sixth is Saturday 02-28 (调休)',
  },
  {
    start: '2025-09-26',
    days: 10,
    counting: 'WORKING_DAYS',
    expected: due('2025-10-16'),
    why: '09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13..10-16',
  },
  {
    start: '2025-10-03',
    days: 1,
    counting: 'WORKING_DAYS',
    expected: due('2025-10-09'),
    why: 'started on a holiday',
  },
  {
    start: '2025-12-29',
    days: 3,
    counting: 'WORKING_DAYS',
    expected: due('2026-01-04'),
    why: '12-30, 12-31, then Sunday 2026-01-04 (调休) after 元旦',
  },
  {
    start: '2026-04-30',
    days: 2,
    counting: 'WORKING_DAYS',
    expected: due('2026-05-07'),
    why: 'across 劳动节 2026',
  },
  {
    start: '2026-12-24',
    days: 5,
    counting: 'WORKING_DAYS',
    expected: due('2026-12-31'),
    why: 'ends on the last covered day',
  },
  {
    start: '2026-12-24',
    days: 6,
    counting: 'WORKING_DAYS',
    expected: due('2027-01-04', false, true),
    why: 'counts into 2027 on the provisional calendar: 元旦 rests, then a weekend',
  },
];

describe('dueDate (民法典 第二百零一条, 第二百零三条)', () => {
  for (const { start, days, counting, expected, why } of [
    ...calendarDayCases,
    ...workingDayCases,
  ]) {
    it(`${start} + ${days} ${counting} → ${expected.dueDay}: ${why}`, () => {
      assert.deepEqual(dueDate(calendar, start, days, counting), expected);
    });
  }

  it('has at least 30 dated cases', () => {
    assert.ok(calendarDayCases.length + workingDayCases.length >= 30);
  });

  it('flags a period that starts in covered years but whose last day is not covered', () => {
    const only2026 = new WorkCalendar(
      packageData.days.filter((d) => d.day.startsWith('2026')),
      [2026],
    );
    assert.equal(dueDate(only2026, '2025-12-20', 15, 'CALENDAR_DAYS').provisional, false);
    assert.equal(dueDate(only2026, '2025-12-10', 15, 'CALENDAR_DAYS').provisional, true);
    assert.equal(dueDate(only2026, '2025-12-31', 1, 'WORKING_DAYS').provisional, false);
    assert.equal(dueDate(only2026, '2025-12-30', 1, 'WORKING_DAYS').provisional, true);
  });

  it('refuses periods that are not a whole number of days', () => {
    assert.throws(() => dueDate(calendar, '2026-03-02', 0, 'CALENDAR_DAYS'), RangeError);
    assert.throws(() => dueDate(calendar, '2026-03-02', 2.5, 'WORKING_DAYS'), RangeError);
  });
});
