import { addCalendarDays, chinaDateOf, endOfChinaDay, type StatutoryDeadlineKind } from '#common';
import type { WorkCalendar } from './work-calendar.js';

/** How a kind of deadline counts its days; configured per deadline kind. */
export type DayCounting = 'CALENDAR_DAYS' | 'WORKING_DAYS';

export interface DueDate {
  /** The last day of the period (China date, YYYY-MM-DD); the period ends at its 24:00. */
  dueDay: string;
  /** The last day fell on a rest day and was moved to the next working day. */
  shifted: boolean;
  /**
   * A day consulted lies in a year whose State Council schedule is not loaded: the date is
   * counted on the provisional calendar (statutory holidays only) and moves once it is loaded.
   */
  provisional: boolean;
}

/**
 * The last day of a period of `days` days starting on `startDay`.
 *
 * - CALENDAR_DAYS: the start day is not counted (民法典 第二百零一条), so the last day is
 *   startDay + days; when that is a statutory holiday or rest day, the period ends on the next
 *   working day instead (民法典 第二百零三条). A make-up working day (调休) is a working day.
 * - WORKING_DAYS: the `days`th working day after the start day.
 */
export function dueDate(
  calendar: WorkCalendar,
  startDay: string,
  days: number,
  counting: DayCounting,
): DueDate {
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new RangeError(`A period must be a whole number of days >= 1: ${days}`);
  }
  if (counting === 'WORKING_DAYS') {
    const dueDay = calendar.addWorkingDays(startDay, days);
    return {
      dueDay,
      shifted: false,
      provisional: !calendar.coversRange(addCalendarDays(startDay, 1), dueDay),
    };
  }
  const lastDay = addCalendarDays(startDay, days);
  const dueDay = calendar.nextWorkingDayOnOrAfter(lastDay);
  return {
    dueDay,
    shifted: dueDay !== lastDay,
    // The days counted before the last day need no calendar; the last day and those it moved over do.
    provisional: !calendar.coversRange(lastDay, dueDay),
  };
}

/**
 * The end (24:00 China time of the last day) of a statutory clock of `periodDays` days from
 * `startsAt`, counted as its kind's rule says; whether the count was provisional.
 */
export function countPeriod(
  calendar: WorkCalendar,
  rules: Record<StatutoryDeadlineKind, { counting: DayCounting }>,
  clock: { kind: StatutoryDeadlineKind; startsAt: Date; periodDays: number },
): { dueAt: Date; provisional: boolean } {
  // The day of receipt is not counted; a last day on a rest day moves to the next working day.
  const due = dueDate(
    calendar,
    chinaDateOf(clock.startsAt),
    clock.periodDays,
    rules[clock.kind].counting,
  );
  return { dueAt: endOfChinaDay(due.dueDay), provisional: due.provisional };
}
