import assert from 'node:assert/strict';
import { chinaDateOf } from '#common';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { readPackageCalendar } from './calendar-import.js';
import { addCalendarDays, endOfChinaDay } from '#common';
import { WorkCalendar, type SpecialDay } from './work-calendar.js';

/**
 * Expected dates are those of the State Council notices (国务院办公厅关于2025年/2026年部分节假日
 * 安排的通知) as chinese-days encodes them:
 * 2025 春节 01-28..02-04, worked Sun 01-26 and Sat 02-08; 劳动节 05-01..05-05, worked Sun 04-27;
 * 国庆节/中秋 10-01..10-08, worked Sun 09-28 and Sat 10-11.
 * 2026 元旦 01-01..01-03, worked Sun 01-04; 春节 02-15..02-23, worked Sat 02-14 and Sat 02-28;
 * 劳动节 05-01..05-05, worked Sat 05-09; 中秋 09-25..09-27; 国庆节 10-01..10-07, worked Sun 09-20
 * and Sat 10-10.
 */
const packageData = await readPackageCalendar();
const calendar = new WorkCalendar(packageData.days, packageData.years);

/**
 * Runs a block with the process in another time zone, so that any date handled through local
 * time would come out a day off: UTC+8 (midnight in China is 16:00 the day before in UTC) and
 * UTC-8/-7 (where a UTC midnight is still the day before locally).
 */
function inTimeZone(timeZone: string, offsetMinutes: number, block: () => void) {
  describe(`with TZ=${timeZone}`, () => {
    const saved = process.env.TZ;
    before(() => {
      process.env.TZ = timeZone;
      // Node applies TZ when it is assigned; make sure it did, or the cases prove nothing.
      assert.equal(new Date(2026, 0, 15).getTimezoneOffset(), offsetMinutes);
    });
    after(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    block();
  });
}

const workingDayCases: [date: string, working: boolean, why: string][] = [
  ['2025-01-24', true, 'Friday before 春节 2025'],
  ['2025-01-25', false, 'ordinary Saturday'],
  ['2025-01-26', true, 'Sunday worked for 春节 2025 (调休)'],
  ['2025-01-28', false, '春节 2025, 除夕'],
  ['2025-02-04', false, 'last day of 春节 2025, a Tuesday'],
  ['2025-02-05', true, 'first working day after 春节 2025'],
  ['2025-02-08', true, 'Saturday worked for 春节 2025 (调休)'],
  ['2025-02-09', false, 'ordinary Sunday'],
  ['2025-04-27', true, 'Sunday worked for 劳动节 2025'],
  ['2025-05-05', false, '劳动节 2025, a Monday'],
  ['2025-09-28', true, 'Sunday worked for 国庆节 2025'],
  ['2025-10-06', false, '中秋 2025, inside 国庆节'],
  ['2025-10-08', false, 'last day of 国庆节 2025, a Wednesday'],
  ['2025-10-09', true, 'first working day after 国庆节 2025'],
  ['2025-10-11', true, 'Saturday worked for 国庆节 2025'],
  ['2025-12-31', true, 'year end, a Wednesday'],
  ['2026-01-01', false, '元旦 2026'],
  ['2026-01-03', false, '元旦 2026, a Saturday'],
  ['2026-01-04', true, 'Sunday worked for 元旦 2026'],
  ['2026-02-13', true, 'Friday before 春节 2026'],
  ['2026-02-14', true, 'Saturday worked for 春节 2026'],
  ['2026-02-15', false, 'first day of 春节 2026, a Sunday'],
  ['2026-02-20', false, '春节 2026, a Friday'],
  ['2026-02-23', false, 'last day of 春节 2026, a Monday'],
  ['2026-02-24', true, 'first working day after 春节 2026'],
  ['2026-02-28', true, 'Saturday worked for 春节 2026'],
  ['2026-03-01', false, 'ordinary Sunday'],
  ['2026-05-09', true, 'Saturday worked for 劳动节 2026'],
  ['2026-09-20', true, 'Sunday worked for 国庆节 2026'],
  ['2026-09-25', false, '中秋 2026, a Friday'],
  ['2026-10-07', false, 'last day of 国庆节 2026, a Wednesday'],
  ['2026-10-08', true, 'first working day after 国庆节 2026'],
  ['2026-10-10', true, 'Saturday worked for 国庆节 2026'],
  ['2026-12-31', true, 'year end, a Thursday'],
];

const nextWorkingDayCases: [date: string, expected: string][] = [
  ['2025-01-28', '2025-02-05'],
  ['2025-10-01', '2025-10-09'],
  ['2025-10-11', '2025-10-11'],
  ['2025-12-27', '2025-12-29'],
  ['2026-01-01', '2026-01-04'],
  ['2026-02-15', '2026-02-24'],
  ['2026-02-14', '2026-02-14'],
  ['2026-09-25', '2026-09-28'],
  ['2026-10-03', '2026-10-08'],
];

const addWorkingDaysCases: [date: string, n: number, expected: string][] = [
  ['2025-01-24', 1, '2025-01-26'],
  ['2025-01-24', 3, '2025-02-05'],
  ['2025-09-30', 1, '2025-10-09'],
  ['2025-09-30', 3, '2025-10-11'],
  ['2025-12-30', 2, '2026-01-04'],
  ['2026-02-13', 1, '2026-02-14'],
  ['2026-02-13', 2, '2026-02-24'],
  ['2026-02-15', 1, '2026-02-24'], // starting on a holiday: that day is not counted either
  ['2026-04-30', 2, '2026-05-07'],
];

describe('WorkCalendar on the chinese-days data', () => {
  it('covers 2004 to 2026 and not 2027', () => {
    assert.ok(packageData.source.startsWith('chinese-days@'), packageData.source);
    assert.equal(packageData.years[0], 2004);
    assert.equal(packageData.years.at(-1), 2026);
    assert.ok(calendar.covers('2026-12-31'));
    assert.ok(calendar.covers('2004-01-01'));
    assert.equal(calendar.covers('2027-01-01'), false);
    assert.equal(calendar.covers('2003-12-31'), false);
  });

  it('names the holidays in Chinese', () => {
    assert.deepEqual(calendar.specialDay('2026-02-17'), {
      day: '2026-02-17',
      kind: 'HOLIDAY',
      name: '春节',
    });
    assert.equal(calendar.specialDay('2026-02-28')?.kind, 'WORKDAY');
    assert.equal(calendar.specialDay('2026-03-02'), undefined);
  });

  it('agrees with chinese-days itself on every day it covers', () => {
    const library = createRequire(import.meta.url)('chinese-days') as {
      isWorkday(date: string): boolean;
    };
    let checked = 0;
    for (let day = '2004-01-01'; day <= '2026-12-31'; day = addCalendarDays(day, 1)) {
      assert.equal(calendar.isWorkingDay(day), library.isWorkday(day), day);
      checked++;
    }
    assert.equal(checked, 8401);
  });

  for (const [timeZone, offset] of [
    ['Asia/Shanghai', -480],
    ['America/Los_Angeles', 480],
    ['UTC', 0],
  ] as const) {
    inTimeZone(timeZone, offset, () => {
      for (const [date, working, why] of workingDayCases) {
        it(`${date} is ${working ? 'a working day' : 'a rest day'}: ${why}`, () => {
          assert.equal(calendar.isWorkingDay(date), working);
        });
      }
      for (const [date, expected] of nextWorkingDayCases) {
        it(`the first working day on or after ${date} is ${expected}`, () => {
          assert.equal(calendar.nextWorkingDayOnOrAfter(date), expected);
        });
      }
      for (const [date, n, expected] of addWorkingDaysCases) {
        it(`${n} working day(s) after ${date} is ${expected}`, () => {
          assert.equal(calendar.addWorkingDays(date, n), expected);
        });
      }
      it('takes China dates from instants near midnight', () => {
        // 00:30 on 14 February in China is still the 13th in UTC.
        assert.equal(chinaDateOf(new Date('2026-02-13T16:30:00Z')), '2026-02-14');
        assert.equal(chinaDateOf(new Date('2026-02-13T15:59:59.999Z')), '2026-02-13');
        assert.equal(chinaDateOf(new Date('2026-12-31T16:00:00Z')), '2027-01-01');
        assert.equal(endOfChinaDay('2026-02-24').toISOString(), '2026-02-24T15:59:59.999Z');
        assert.equal(addCalendarDays('2026-02-28', 1), '2026-03-01');
        assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
        assert.equal(addCalendarDays('2026-03-01', -1), '2026-02-28');
      });
    });
  }
});

describe('WorkCalendar from a hand-made list', () => {
  // What an administrator might enter for a year the package lacks (made-up dates).
  const adminDays: SpecialDay[] = [
    { day: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
    { day: '2027-01-02', kind: 'HOLIDAY', name: '元旦' },
    { day: '2027-01-03', kind: 'HOLIDAY', name: '元旦' },
    { day: '2027-01-09', kind: 'WORKDAY', name: '元旦' },
  ];
  const admin = new WorkCalendar(adminDays, [2027]);

  it('rests on weekends and holidays and works on make-up days', () => {
    assert.equal(admin.isWorkingDay('2027-01-01'), false);
    assert.equal(admin.isWorkingDay('2027-01-04'), true);
    assert.equal(admin.isWorkingDay('2027-01-09'), true);
    assert.equal(admin.isWorkingDay('2027-01-10'), false);
    assert.equal(admin.nextWorkingDayOnOrAfter('2027-01-01'), '2027-01-04');
    assert.ok(admin.covers('2027-06-30'));
    assert.equal(admin.covers('2026-12-31'), false);
    assert.ok(admin.coversRange('2027-01-01', '2027-12-31'));
    assert.equal(admin.coversRange('2026-12-31', '2027-01-01'), false);
  });

  it('refuses malformed dates and counts', () => {
    assert.throws(() => admin.isWorkingDay('2027-02-30'), RangeError);
    assert.throws(() => admin.isWorkingDay('2027-1-5'), RangeError);
    assert.throws(() => new WorkCalendar([{ day: '27-01-01', kind: 'HOLIDAY', name: 'x' }], []));
    assert.throws(() => admin.addWorkingDays('2027-01-04', 0), RangeError);
    assert.throws(() => admin.addWorkingDays('2027-01-04', 1.5), RangeError);
  });

  it('fails loudly on an endless run of rest days', () => {
    const days: SpecialDay[] = [];
    for (let day = '2027-03-01'; day < '2027-06-01'; day = addCalendarDays(day, 1)) {
      days.push({ day, kind: 'HOLIDAY', name: 'wrong' });
    }
    assert.throws(() => new WorkCalendar(days, [2027]).nextWorkingDayOnOrAfter('2027-03-01'));
  });
});
