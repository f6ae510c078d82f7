import { addCalendarDays, calendarDayNumber, chinaDateOf, endOfChinaDay } from '#common';
import type { WorkCalendar } from '../calendar/work-calendar.js';

/**
 * A reminder before a deadline's last day: `n` working days (w) or calendar days (d) before it;
 * `0d` is the last day itself.
 */
export interface ReminderOffset {
  days: number;
  unit: 'w' | 'd';
}

/** REMINDER_OFFSETS, e.g. `3w,1d,0d`: each reminder once, whatever order they are given in. */
export function parseReminderOffsets(setting: string): ReminderOffset[] {
  const offsets = setting.split(',').map((part): ReminderOffset => {
    const match = /^(\d{1,2})([wd])$/.exec(part.trim());
    if (!match) throw new RangeError(`Not a reminder offset (3w, 1d, 0d): ${part}`);
    return { days: Number(match[1]), unit: match[2] as 'w' | 'd' };
  });
  // `0w` would be the last day counted in working days: the same as `0d`.
  return offsets.map((o) => (o.days === 0 ? { days: 0, unit: 'd' } : o));
}

/** The first instant of the China day `days` after the given one. */
export function startOfChinaDay(date: string, days = 0): Date {
  return new Date(endOfChinaDay(addCalendarDays(date, days - 1)).getTime() + 1);
}

/**
 * Reminders go out in the first working hour, 08:00 to 09:00 China time, each deadline at its own
 * minute in that hour (from its id): staff read them at the start of the day, duty phones are not
 * texted at midnight, and a day's reminders do not all fall due at one instant.
 */
const REMINDER_HOUR_MS = 8 * 3_600_000;
const REMINDER_SPREAD_MS = 3_600_000;

/** When in the reminder hour a deadline's reminders go: the same instant each day. */
export function reminderTimeOfDay(deadlineId: string): number {
  return REMINDER_HOUR_MS + (Number.parseInt(deadlineId.slice(0, 8), 16) % REMINDER_SPREAD_MS);
}

export interface Reminder {
  /** When it is sent: in the reminder hour of its day. */
  at: Date;
  /** Days left until the last day, counted as the offset counts them; 0 on the last day. */
  offset: ReminderOffset;
}

/**
 * The reminders of a deadline, in time order. Two offsets that fall on the same day (1w and 1d
 * before a Tuesday) give one reminder; one that would come after the deadline ends none.
 */
export function reminders(
  deadline: { id: string; dueAt: Date },
  offsets: ReminderOffset[],
  calendar: WorkCalendar,
): Reminder[] {
  const dueDay = chinaDateOf(deadline.dueAt);
  const timeOfDay = reminderTimeOfDay(deadline.id);
  const byTime = new Map<number, Reminder>();
  for (const offset of offsets) {
    const day =
      offset.days === 0
        ? dueDay
        : offset.unit === 'd'
          ? addCalendarDays(dueDay, -offset.days)
          : calendar.workingDaysBefore(dueDay, offset.days);
    const at = new Date(startOfChinaDay(day).getTime() + timeOfDay);
    if (at > deadline.dueAt) continue;
    const known = byTime.get(at.getTime());
    if (!known || offset.days < known.offset.days) byTime.set(at.getTime(), { at, offset });
  }
  return [...byTime.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** What the sweep tells a unit about one of its deadlines. */
export type DeadlineAlert =
  | { kind: 'REMINDER'; offset: ReminderOffset }
  | { kind: 'OVERDUE' }
  | { kind: 'STILL_OVERDUE'; days: number };

export interface DeadlineState {
  id: string;
  dueAt: Date;
  /** The time of the next alert owed; every alert scheduled from then on is still unsent. */
  nextAlertAt: Date | null;
  overdueAt: Date | null;
}

export interface AlertPlan {
  /** What to send now; null when nothing is owed yet (the deadline was looked at early). */
  alert: DeadlineAlert | null;
  /** When the next alert falls due. */
  next: Date;
}

/**
 * What a deadline is owed at `now`, and when next. Before its end, the latest reminder due
 * since the last alert: a reminder missed while notify was down is not sent late when a later
 * one is due. After its end, the escalation at once, then a reminder each China day (逾期提醒), in
 * the reminder hour, until the deadline closes.
 */
export function planAlert(deadline: DeadlineState, schedule: Reminder[], now: Date): AlertPlan {
  const today = chinaDateOf(now);
  if (now.getTime() > deadline.dueAt.getTime()) {
    const days = calendarDayNumber(today) - calendarDayNumber(chinaDateOf(deadline.dueAt));
    return {
      alert: deadline.overdueAt ? { kind: 'STILL_OVERDUE', days } : { kind: 'OVERDUE' },
      next: new Date(startOfChinaDay(today, 1).getTime() + reminderTimeOfDay(deadline.id)),
    };
  }
  const since = deadline.nextAlertAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const owed = schedule.filter((r) => r.at.getTime() >= since && r.at <= now).at(-1);
  return {
    alert: owed ? { kind: 'REMINDER', offset: owed.offset } : null,
    next: schedule.find((r) => r.at > now)?.at ?? new Date(deadline.dueAt.getTime() + 1),
  };
}

/**
 * When a deadline just opened or moved is first owed an alert: at once when one of its
 * reminders is already due (a short deadline, an extension into the reminder days), else its
 * first reminder, else its end.
 */
export function firstAlertAt(dueAt: Date, schedule: Reminder[], now: Date): Date {
  return (
    schedule.filter((r) => r.at <= now).at(-1)?.at ??
    schedule[0]?.at ??
    new Date(dueAt.getTime() + 1)
  );
}

/**
 * How long the sweep waits before its next pass: its interval, but never past China midnight,
 * when deadlines (which end at 23:59:59.999) pass due and are escalated.
 */
export function nextSweepDelay(now: Date, intervalMs: number): number {
  return Math.min(intervalMs, startOfChinaDay(chinaDateOf(now), 1).getTime() - now.getTime());
}
