import type { EntityManager } from 'typeorm';
import { addCalendarDays, calendarDayNumber as dayNumber, dayOfNumber as dayString } from '#common';
import { readCalendar } from './calendar.repository.js';
import { statutoryHolidays } from './provisional-calendar.js';

/** HOLIDAY: a statutory rest day. WORKDAY: a weekend day worked instead (调休). */
export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

export interface SpecialDay {
  /** A China calendar date, YYYY-MM-DD. */
  day: string;
  kind: CalendarDayKind;
  /** The holiday it belongs to, e.g. 春节. */
  name: string;
}

// Longer than any run of rest days a real schedule has (春节 is at most 9), so a bad admin entry
// fails loudly instead of looping.
const MAX_REST_RUN = 60;

function isWeekend(date: string): boolean {
  // Day 0, 1970-01-01, was a Thursday; 0 is Sunday as in Date#getUTCDay.
  const weekday = (((dayNumber(date) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * China's working calendar: Monday to Friday are working days and weekends rest days, except
 * the statutory holidays (rest) and the weekend days worked in their place (调休). Built from
 * plain lists so it can be tested without a database; `load` reads notify.calendar_day.
 *
 * A year without its State Council schedule (not covered) is counted on the provisional
 * calendar: the statutory holidays of the 放假办法, lunar dates included, and no make-up days.
 */
export class WorkCalendar {
  private readonly special = new Map<string, SpecialDay>();
  private readonly coveredYears: ReadonlySet<number>;
  private readonly provisional = new Map<number, ReadonlyMap<string, SpecialDay>>();

  constructor(days: Iterable<SpecialDay>, coveredYears: Iterable<number>) {
    for (const day of days) {
      dayNumber(day.day); // refuse a malformed date here rather than never matching it
      this.special.set(day.day, day);
    }
    this.coveredYears = new Set(coveredYears);
  }

  static async load(manager: EntityManager): Promise<WorkCalendar> {
    const { days, years } = await readCalendar(manager);
    return new WorkCalendar(days, years);
  }

  /** Whether the State Council schedule of the date's year is known. */
  covers(date: string): boolean {
    dayNumber(date);
    return this.coveredYears.has(Number(date.slice(0, 4)));
  }

  /** The holiday or make-up day on that date, if any (provisional outside the covered years). */
  specialDay(date: string): SpecialDay | undefined {
    const year = Number(date.slice(0, 4));
    if (this.coveredYears.has(year)) return this.special.get(date);
    return this.provisionalYear(year).get(date);
  }

  /** The holidays and make-up days of a year, by date (provisional when it is not covered). */
  specialDaysOf(year: number): SpecialDay[] {
    const days = this.coveredYears.has(year)
      ? [...this.special.values()].filter((d) => d.day.startsWith(`${year}-`))
      : [...this.provisionalYear(year).values()];
    return days.sort((a, b) => a.day.localeCompare(b.day));
  }

  /** Outside the covered years the answer is provisional; callers check `covers`. */
  isWorkingDay(date: string): boolean {
    const special = this.specialDay(date);
    if (special) return special.kind === 'WORKDAY';
    return !isWeekend(date);
  }

  private provisionalYear(year: number): ReadonlyMap<string, SpecialDay> {
    let days = this.provisional.get(year);
    if (!days) {
      days = new Map(statutoryHolidays(year).map((d) => [d.day, d]));
      this.provisional.set(year, days);
    }
    return days;
  }

  /** The date itself when it is a working day, else the first working day after it. */
  nextWorkingDayOnOrAfter(date: string): string {
    return this.workingDayFrom(date, 1);
  }

  /** The date itself when it is a working day, else the first one in the direction given. */
  private workingDayFrom(date: string, direction: 1 | -1): string {
    let dayNo = dayNumber(date);
    for (let rest = 0; !this.isWorkingDay(dayString(dayNo)); rest++, dayNo += direction) {
      if (rest === MAX_REST_RUN) {
        throw new Error(`No working day within ${MAX_REST_RUN} days of ${date}`);
      }
    }
    return dayString(dayNo);
  }

  /** The `n`th working day after `date`; the date itself is not counted, whatever it is. */
  addWorkingDays(date: string, n: number): string {
    return this.stepWorkingDays(date, n, 1);
  }

  /** The `n`th working day before `date`; the date itself is not counted, whatever it is. */
  workingDaysBefore(date: string, n: number): string {
    return this.stepWorkingDays(date, n, -1);
  }

  private stepWorkingDays(date: string, n: number, direction: 1 | -1): string {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new RangeError(`A number of working days must be a whole number >= 1: ${n}`);
    }
    let day = date;
    for (let counted = 0; counted < n; counted++) {
      day = this.workingDayFrom(addCalendarDays(day, direction), direction);
    }
    return day;
  }

  /** Whether every year from `from`'s to `to`'s is covered. */
  coversRange(from: string, to: string): boolean {
    if (dayNumber(from) > dayNumber(to)) return this.coversRange(to, from);
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      if (!this.coveredYears.has(year)) return false;
    }
    return true;
  }
}
