import { addCalendarDays } from '#common';
import type { WorkCalendar } from './work-calendar.js';

/** How a kind of deadline counts its days; configured per deadline kind. */
export type DayCounting = 'CALENDAR_DAYS' | 'WORKING_DAYS';

export interface DueDate {
  /** The last day of the period (China date, YYYY-MM-DD); the period ends at its 24:00. */
  dueDay: string;
  /** The last day fell on a rest day and was moved to the next working day. */
  shifted: boolean;
  /** A day consulted lies in a year the calendar has no schedule for: the date may be wrong. */
  beyondCoverage: boolean;
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
      beyondCoverage: !calendar.coversRange(addCalendarDays(startDay, 1), dueDay),
    };
  }
  const lastDay = addCalendarDays(startDay, days);
  const dueDay = calendar.nextWorkingDayOnOrAfter(lastDay);
  return {
    dueDay,
    shifted: dueDay !== lastDay,
    // The days counted before the last day need no calendar; the last day and those it moved over do.
    beyondCoverage: !calendar.coversRange(lastDay, dueDay),
  };
}
