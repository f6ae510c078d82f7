import chineseDays from 'chinese-days';
import { addCalendarDays, calendarDayNumber, dayOfNumber } from '#common';
import type { SpecialDay } from './work-calendar.js';

/**
 * The years this calendar can compute: the lunar table of chinese-days runs to 2100, and the
 * Qingming formula below holds for 2000–2099.
 */
export const PROVISIONAL_YEARS = { from: 2000, to: 2099 } as const;

// Lunar 1900-01-01 (正月初一) was 1900-01-31.
const LUNAR_EPOCH = calendarDayNumber('1900-01-31');

/** Days in a lunar year: its twelve months and its leap month, if any. */
function lunarYearDays(year: number): number {
  let days = chineseDays.getYearLeapMonth(year).days;
  for (let month = 1; month <= 12; month++) days += chineseDays.monthDays(year, month);
  return days;
}

const newYearCache = new Map<number, number>();

/**
 * The day number of 正月初一 of a lunar year. Only the table lookups of chinese-days are used:
 * its date conversions go through local time and are a day off west of UTC.
 */
function lunarNewYear(year: number): number {
  const cached = newYearCache.get(year);
  if (cached !== undefined) return cached;
  let day = LUNAR_EPOCH;
  for (let y = 1900; y < year; y++) day += lunarYearDays(y);
  newYearCache.set(year, day);
  return day;
}

/** A date of the lunar calendar (not in a leap month), as a Gregorian YYYY-MM-DD. */
export function lunarToSolar(year: number, month: number, day: number): string {
  const leap = chineseDays.getYearLeapMonth(year);
  let dayNo = lunarNewYear(year);
  for (let m = 1; m < month; m++) {
    dayNo += chineseDays.monthDays(year, m);
    if (m === leap.leapMonth) dayNo += leap.days;
  }
  return dayOfNumber(dayNo + day - 1);
}

/** 清明: the solar term near 5 April (the 21st-century formula, C = 4.81). */
export function qingming(year: number): string {
  const y = year % 100;
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4);
  return `${year}-04-${String(day).padStart(2, '0')}`;
}

/**
 * The statutory holidays of a year under 全国年节及纪念日放假办法 (as amended in 2024): 元旦 1 day,
 * 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2 (May 1–2), 端午 1, 中秋 1, 国庆节 3 (Oct 1–3). The
 * State Council's notice later adds the bridging days and the make-up working days (调休); no guess
 * is made about those, so weekends stay rest days. A day two festivals share is one rest day.
 */
export function statutoryHolidays(year: number): SpecialDay[] {
  if (year < PROVISIONAL_YEARS.from || year > PROVISIONAL_YEARS.to) return [];
  const eve = dayOfNumber(lunarNewYear(year) - 1);
  const runs: [name: string, first: string, days: number][] = [
    ['元旦', `${year}-01-01`, 1],
    ['春节', eve, 4],
    ['清明', qingming(year), 1],
    ['劳动节', `${year}-05-01`, 2],
    ['端午', lunarToSolar(year, 5, 5), 1],
    ['中秋', lunarToSolar(year, 8, 15), 1],
    ['国庆节', `${year}-10-01`, 3],
  ];
  const days = new Map<string, SpecialDay>();
  for (const [name, first, length] of runs) {
    for (let i = 0; i < length; i++) {
      const day = addCalendarDays(first, i);
      if (!days.has(day)) days.set(day, { day, kind: 'HOLIDAY', name });
    }
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
