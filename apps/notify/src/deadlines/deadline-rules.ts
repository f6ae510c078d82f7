/**
 * Legal time limits, counted in calendar days. As 民法典 第二百零一条 says, the day the clock
 * starts is not counted: the period ends at the end of the last day, China time.
 * (Moving a last day off a public holiday comes with the holiday calendar.)
 */
export const ACCEPTANCE_DAYS = 15; // 信访工作条例 第三十二条: decide acceptance within 15 days

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The end (23:59:59.999 UTC+8) of the day that is `days` calendar days after `start`'s day. */
export function endOfDayAfter(start: Date, days: number): Date {
  const chinaDayStart = Math.floor((start.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS;
  return new Date(chinaDayStart + (days + 1) * DAY_MS - CHINA_OFFSET_MS - 1);
}
