import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { readPackageCalendar } from './calendar-import.js';
import {
  fieldOf,
  InvalidNoticeError,
  readCalendarNotice,
  type NoticeIssue,
} from './calendar-notice.js';

const example = parse(
  await readFile(new URL('../../../../../data/calendar/2026.yaml', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** A small valid notice to break one field at a time. */
interface HolidayInput {
  name: string;
  from?: string;
  to?: string;
  workdays?: string[];
}

const notice = (): { year: number; holidays: HolidayInput[] } => ({
  year: 2027,
  holidays: [
    { name: '元旦', from: '2027-01-01' },
    { name: '春节', from: '2027-02-05', to: '2027-02-12', workdays: ['2027-02-14'] },
  ],
});

function problems(value: unknown, year?: number): { field: string; code: string }[] {
  try {
    readCalendarNotice(value, year);
  } catch (error) {
    assert.ok(error instanceof InvalidNoticeError);
    for (const issue of error.issues) assertBilingual(issue);
    return error.issues.map((i) => ({ field: fieldOf(i.path), code: i.code }));
  }
  assert.fail('the notice was accepted');
}

function assertBilingual(issue: NoticeIssue) {
  assert.ok(issue.messages.zh.length > 0 && issue.messages.en.length > 0, issue.code);
  assert.match(issue.messages.zh, /[\u4e00-\u9fff]/, `${issue.code}: a Chinese message`);
}

describe('the holiday notice file', () => {
  it('data/calendar/2026.yaml is the 2026 notice as chinese-days has it', async () => {
    const read = readCalendarNotice(example);
    const packaged = await readPackageCalendar();
    const inPackage = packaged.days
      .filter((d) => d.day.startsWith('2026-'))
      .map((d) => `${d.day} ${d.kind}`)
      .sort();
    assert.deepEqual(
      read.days.map((d) => `${d.day} ${d.kind}`),
      inPackage,
    );
    assert.equal(read.year, 2026);
    assert.equal(read.days.find((d) => d.day === '2026-02-14')?.name, '春节');
  });

  it('accepts a valid notice and spells out its days', () => {
    const read = readCalendarNotice(notice(), 2027);
    assert.equal(read.days.filter((d) => d.kind === 'HOLIDAY').length, 9);
    assert.deepEqual(read.days.at(-1), { day: '2027-02-14', kind: 'WORKDAY', name: '春节' });
  });

  it('refuses dates outside the year', () => {
    const value = notice();
    value.holidays[0] = { name: '元旦', from: '2026-12-31' };
    assert.deepEqual(problems(value), [
      { field: 'holidays[0].from', code: 'DATE_OUTSIDE_YEAR' },
      { field: 'holidays[0].to', code: 'DATE_OUTSIDE_YEAR' },
    ]);
  });

  it('refuses a day that is both a holiday and a working day', () => {
    const value = notice();
    value.holidays[1] = {
      name: '春节',
      from: '2027-02-05',
      to: '2027-02-14',
      workdays: ['2027-02-14'],
    };
    assert.deepEqual(problems(value), [
      { field: 'holidays[1].workdays[0]', code: 'DAY_BOTH_HOLIDAY_AND_WORKDAY' },
    ]);
  });

  it('refuses a make-up working day that is not on a weekend', () => {
    const value = notice();
    value.holidays[1] = { name: '春节', from: '2027-02-05', workdays: ['2027-02-15'] };
    assert.deepEqual(problems(value), [
      { field: 'holidays[1].workdays[0]', code: 'WORKDAY_NOT_WEEKEND' },
    ]);
  });

  it('refuses a holiday without a name', () => {
    const value = notice();
    value.holidays[0] = { name: '  ', from: '2027-01-01' };
    assert.deepEqual(problems(value), [{ field: 'holidays[0].name', code: 'NAME_REQUIRED' }]);
    const { holidays } = notice();
    assert.deepEqual(problems({ year: 2027, holidays: [{ from: holidays[0]?.from }] }), [
      { field: 'holidays[0].name', code: 'invalid_type' },
    ]);
  });

  it('refuses bad dates, reversed and overlong ranges, days listed twice', () => {
    assert.deepEqual(problems({ year: 2027, holidays: [{ name: '元旦', from: '2027-02-30' }] }), [
      { field: 'holidays[0].from', code: 'DATE_INVALID' },
    ]);
    assert.deepEqual(
      problems({ year: 2027, holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-05' }] }),
      [{ field: 'holidays[0].to', code: 'RANGE_REVERSED' }],
    );
    assert.deepEqual(
      problems({ year: 2027, holidays: [{ name: '春节', from: '2027-02-01', to: '2027-03-01' }] }),
      [{ field: 'holidays[0].to', code: 'RANGE_TOO_LONG' }],
    );
    assert.deepEqual(
      problems({
        year: 2027,
        holidays: [
          { name: '中秋节', from: '2027-09-15' },
          { name: '国庆节', from: '2027-09-15', to: '2027-09-16' },
        ],
      }),
      [{ field: 'holidays[1].from', code: 'DAY_LISTED_TWICE' }],
    );
  });

  it('refuses a notice for another year than asked, no holidays, unknown fields', () => {
    assert.deepEqual(problems(notice(), 2028), [{ field: 'year', code: 'YEAR_MISMATCH' }]);
    assert.deepEqual(problems({ year: 2027, holidays: [] }), [
      { field: 'holidays', code: 'HOLIDAYS_REQUIRED' },
    ]);
    assert.deepEqual(problems({ ...notice(), extra: 1 }), [
      { field: '(body)', code: 'unrecognized_keys' },
    ]);
    assert.deepEqual(problems({ ...notice(), year: 1999 }), [
      { field: 'year', code: 'YEAR_INVALID' },
    ]);
  });
});
