/** UTC+8 all year: China has had no summer time since 1991. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China calendar date of an instant, as YYYY-MM-DD: the day that case numbers and deadlines use. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Dates are handled as day numbers since 1970-01-01 (UTC midnight), never as local Date objects,
 * so the server's time zone cannot move a day.
 */
export function calendarDayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const ms = Date.UTC(year, month - 1, day);
    // Date.UTC rolls 2026-02-30 over to March; a date that rolls over is not a date.
    if (new Date(ms).toISOString().startsWith(date)) return ms / DAY_MS;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

export function dayOfNumber(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addCalendarDays(date: string, days: number): string {
  return dayOfNumber(calendarDayNumber(date) + days);
}

/** The last millisecond (23:59:59.999 UTC+8) of a China calendar date. */
export function endOfChinaDay(date: string): Date {
  return new Date((calendarDayNumber(date) + 1) * DAY_MS - CHINA_OFFSET_MS - 1);
}

/** An instant as China reads it: ISO 8601 with the +08:00 offset (`2026-12-07T15:04:05+08:00`). */
export function chinaIsoTime(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}
