import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dueDate } from './deadline-calendar.js';
import { readPackageCalendar } from './calendar-import.js';
import { lunarToSolar, qingming, statutoryHolidays } from './provisional-calendar.js';
import { WorkCalendar } from './work-calendar.js';

const packageData = await readPackageCalendar();
const official = new WorkCalendar(packageData.days, packageData.years);

/** The published dates (万年历) of the lunar festivals and of 清明. */
const KNOWN: [what: string, actual: () => string, expected: string][] = [
  ['春节 2027 (正月初一)', () => lunarToSolar(2027, 1, 1), '2027-02-06'],
  ['春节 2028', () => lunarToSolar(2028, 1, 1), '2028-01-26'],
  ['春节 2030', () => lunarToSolar(2030, 1, 1), '2030-02-03'],
  ['端午 2027', () => lunarToSolar(2027, 5, 5), '2027-06-09'],
  ['端午 2028', () => lunarToSolar(2028, 5, 5), '2028-05-28'],
  ['中秋 2027', () => lunarToSolar(2027, 8, 15), '2027-09-15'],
  ['中秋 2028', () => lunarToSolar(2028, 8, 15), '2028-10-03'],
  // 2025 had a leap 6th month (闰六月): 中秋 came late.
  ['中秋 2025, after a leap month', () => lunarToSolar(2025, 8, 15), '2025-10-06'],
  ['清明 2027', () => qingming(2027), '2027-04-05'],
  ['清明 2028', () => qingming(2028), '2028-04-04'],
  ['清明 2029', () => qingming(2029), '2029-04-04'],
];

function checkKnownDates() {
  for (const [what, actual, expected] of KNOWN) {
    it(`${what} is ${expected}`, () => {
      assert.equal(actual(), expected);
    });
  }
}

describe('the provisional calendar (全国年节及纪念日放假办法, 2024)', () => {
  checkKnownDates();

  // The lunar dates must not depend on the server's time zone (west of UTC a local-time
  // conversion is a day early).
  for (const timeZone of ['America/Los_Angeles', 'Asia/Shanghai']) {
    describe(`with TZ=${timeZone}`, () => {
      const saved = process.env.TZ;
      before(() => {
        process.env.TZ = timeZone;
      });
      after(() => {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      });
      checkKnownDates();
    });
  }

  it('has the eleven statutory days of 2027, 春节 from 除夕 to 初三', () => {
    assert.deepEqual(
      statutoryHolidays(2027).map((d) => `${d.day} ${d.name}`),
      [
        '2027-01-01 元旦',
        '2027-02-05 春节',
        '2027-02-06 春节',
        '2027-02-07 春节',
        '2027-02-08 春节',
        '2027-04-05 清明',
        '2027-05-01 劳动节',
        '2027-05-02 劳动节',
        '2027-06-09 端午',
        '2027-09-15 中秋',
        '2027-10-01 国庆节',
        '2027-10-02 国庆节',
        '2027-10-03 国庆节',
      ],
    );
  });

  it('counts a day two festivals share once (中秋 on 3 October 2028)', () => {
    const days = statutoryHolidays(2028).filter((d) => d.day.startsWith('2028-10-0'));
    assert.deepEqual(
      days.map((d) => d.day),
      ['2028-10-01', '2028-10-02', '2028-10-03'],
    );
  });

  it('agrees with every published schedule since the 2008 rules (chinese-days)', () => {
    for (let year = 2008; year <= 2026; year++) {
      const days = statutoryHolidays(year);
      const eve = days.find((d) => d.name === '春节')?.day;
      for (const { day, name } of days) {
        // 除夕 and 2 May became statutory holidays with the 2024 amendment (from 2025).
        if (year < 2025 && (day === eve || day === `${year}-05-02`)) continue;
        // A rest day of the notice (chinese-days leaves out a few holidays on a weekend).
        assert.ok(!official.isWorkingDay(day), `${day} ${name} is a rest day in ${year}'s notice`);
      }
    }
  });

  it('is used for the years not covered, with weekends as rest days and no make-up days', () => {
    const calendar = new WorkCalendar(packageData.days, packageData.years);
    assert.equal(calendar.covers('2027-02-08'), false);
    assert.equal(calendar.isWorkingDay('2027-02-05'), false, '除夕, a Friday');
    assert.equal(calendar.isWorkingDay('2027-02-08'), false, '初三, a Monday');
    assert.equal(calendar.isWorkingDay('2027-02-09'), true);
    assert.equal(calendar.isWorkingDay('2027-02-13'), false, 'a Saturday: no 调休 is guessed');
    assert.equal(calendar.specialDay('2027-02-06')?.name, '春节');
    // 60 days from 2026-12-08 end on 2027-02-06 (初一, a Saturday): moved to Tuesday 02-09.
    assert.deepEqual(dueDate(calendar, '2026-12-08', 60, 'CALENDAR_DAYS'), {
      dueDay: '2027-02-09',
      shifted: true,
      provisional: true,
    });
  });

  it('gives way to a loaded year', () => {
    const loaded = new WorkCalendar([{ day: '2027-02-09', kind: 'HOLIDAY', name: '春节' }], [2027]);
    // A covered year is what its notice says, and nothing the provisional calendar says.
    assert.equal(loaded.isWorkingDay('2027-02-09'), false);
    assert.equal(loaded.isWorkingDay('2027-02-05'), true);
  });

  it('knows nothing outside 2000–2099', () => {
    assert.deepEqual(statutoryHolidays(2100), []);
    assert.deepEqual(statutoryHolidays(1999), []);
  });
});
