import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { makeI18n } from '../../i18n/i18n';
import { apiFieldErrors } from '../../shell/fieldErrors';
import {
  ADMIN_PATTERNS,
  divisionFitsLevel,
  nextDay,
  noticeOf,
  sectionAt,
  toNotice,
  toRoster,
  toUnitBody,
} from './rules';

describe('the admin forms', () => {
  it('take the unit codes, usernames and roster scopes the APIs take', () => {
    expect(ADMIN_PATTERNS.unitCode.test('510903-ZJJ')).toBe(true);
    expect(ADMIN_PATTERNS.unitCode.test('510903-zjj')).toBe(false);
    expect(ADMIN_PATTERNS.username.test('chuanshan.housing')).toBe(true);
    expect(ADMIN_PATTERNS.username.test('.housing')).toBe(false);
    expect(ADMIN_PATTERNS.rosterScope.test('510903')).toBe(true);
    expect(ADMIN_PATTERNS.rosterScope.test('510903-ZJJ')).toBe(true);
    expect(ADMIN_PATTERNS.rosterScope.test('510903-zjj')).toBe(false);
  });

  it("check a division code against the unit's level", () => {
    expect(divisionFitsLevel('PREFECTURE', '510900')).toBe(true);
    expect(divisionFitsLevel('PREFECTURE', '510903')).toBe(false);
    expect(divisionFitsLevel('COUNTY', '510903')).toBe(true);
    expect(divisionFitsLevel('TOWNSHIP', '510903')).toBe(false);
    expect(divisionFitsLevel('TOWNSHIP', '510903012')).toBe(true);
    expect(divisionFitsLevel(undefined, '510903012')).toBe(true);
  });

  it('send a unit trimmed, with blank optional fields as null', () => {
    expect(
      toUnitBody({
        code: ' 510903-TEST ',
        name: ' 船山区测试局 ',
        kind: 'DEPARTMENT',
        level: 'COUNTY',
        divisionCode: '510903',
        superiorCode: undefined,
        contactEmail: '  ',
        contactPhone: '0825-2223344',
      }),
    ).toEqual({
      code: '510903-TEST',
      name: '船山区测试局',
      kind: 'DEPARTMENT',
      level: 'COUNTY',
      divisionCode: '510903',
      superiorCode: null,
      categories: [],
      contactEmail: null,
      contactPhone: '0825-2223344',
    });
  });

  it('send a roster without blank contacts, in Chinese unless chosen', () => {
    expect(
      toRoster({
        entries: [
          { staffId: 'a', phone: ' 13800000000 ', email: '' },
          { email: 'duty@example.gov.cn', locale: 'en' },
        ],
      }),
    ).toEqual({
      entries: [
        { staffId: 'a', phone: '13800000000', locale: 'zh-CN' },
        { email: 'duty@example.gov.cn', locale: 'en' },
      ],
    });
  });

  it("put the API's field errors beside the fields they name, in the page's language", () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', null, [
      {
        field: 'entries[1].staffId',
        code: 'STAFF_NOT_IN_UNIT',
        messages: { zh: '值班人员须为本单位的在职工作人员', en: 'Not an active member' },
      },
    ]);
    expect(apiFieldErrors(error, makeI18n('zh').pick)).toEqual([
      { name: ['entries', 1, 'staffId'], errors: ['值班人员须为本单位的在职工作人员'] },
    ]);
    expect(apiFieldErrors(new Error('x'), makeI18n('zh').pick)).toEqual([]);
  });
});

describe('the holiday notice', () => {
  it('reads a year back as the notice it came from', () => {
    const notice = noticeOf({
      year: 2026,
      official: true,
      source: 'api',
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      loadedAt: null,
      days: [
        { date: '2026-01-01', kind: 'HOLIDAY', name: '元旦' },
        { date: '2026-01-02', kind: 'HOLIDAY', name: '元旦' },
        { date: '2026-01-04', kind: 'WORKDAY', name: '元旦' },
        { date: '2026-04-05', kind: 'HOLIDAY', name: '清明节' },
      ],
    });
    expect(notice).toEqual({
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      holidays: [
        { name: '元旦', from: '2026-01-01', to: '2026-01-02', workdays: ['2026-01-04'] },
        { name: '清明节', from: '2026-04-05', workdays: [] },
      ],
    });
  });

  it('counts days across months and years', () => {
    expect(nextDay('2026-01-31')).toBe('2026-02-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('sends a one-day holiday without its last day, names and dates trimmed', () => {
    expect(
      toNotice({
        title: ' ',
        holidays: [{ name: ' 清明节 ', from: '2026-04-05 ', to: '', workdays: [' '] }],
      }),
    ).toEqual({ holidays: [{ name: '清明节', from: '2026-04-05', workdays: [] }] });
  });
});

describe('the admin sections', () => {
  it('each have their address, the units when none is named', () => {
    expect(sectionAt('/staff/admin')).toBe('units');
    expect(sectionAt('/staff/admin/rosters')).toBe('rosters');
    expect(sectionAt('/staff/admin/dead-letters')).toBe('dead-letters');
    expect(sectionAt('/staff/admin/nothing')).toBe('units');
  });
});
