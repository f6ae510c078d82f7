import { addCalendarDays, chinaDateOf, endOfChinaDay } from '#common';

const MINUTE_MS = 60_000;

/** Hours without SMS to citizens, as minutes after China midnight: [start, end). */
export interface QuietHours {
  start: number;
  end: number;
}

/** QUIET_HOURS: `22:00-08:00` (it may cross midnight), or `off`. */
export function parseQuietHours(setting: string): QuietHours | null {
  if (setting === 'off') return null;
  const [start, end] = setting.split('-').map((time) => {
    const [hours, minutes] = time.split(':').map(Number);
    return (hours ?? 0) * 60 + (minutes ?? 0);
  });
  if (start === undefined || end === undefined || start === end) return null;
  return { start, end };
}

/** The first instant of a China calendar date. */
function startOfChinaDay(date: string): Date {
  return new Date(endOfChinaDay(addCalendarDays(date, -1)).getTime() + 1);
}

/**
 * When the quiet hours that `now` falls in end (China time), or null when it falls outside them:
 * an SMS to a citizen waits until then. 21:59 is outside 22:00-08:00, 22:00 and 07:59 inside
 * (both end at the next 08:00), 08:00 outside again.
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const today = chinaDateOf(now);
  const midnight = startOfChinaDay(today);
  const minute = Math.floor((now.getTime() - midnight.getTime()) / MINUTE_MS);
  const endOn = (date: string) => new Date(startOfChinaDay(date).getTime() + quiet.end * MINUTE_MS);
  if (quiet.start < quiet.end) {
    return minute >= quiet.start && minute < quiet.end ? endOn(today) : null;
  }
  // Across midnight: the evening part ends tomorrow morning, the early morning part today.
  if (minute >= quiet.start) return endOn(addCalendarDays(today, 1));
  if (minute < quiet.end) return endOn(today);
  return null;
}
