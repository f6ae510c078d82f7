import { addCalendarDays, chinaDateOf, endOfChinaDay } from '#common';
import type { Deadline } from '../database/deadline.entity.js';

/** What the sweep tells a unit about one of its deadlines, in the order of the deadline's life. */
export type DeadlineAlert = 'DUE_SOON' | 'DUE_TODAY' | 'OVERDUE';

/** Each alert's notice template, and the column (and entity property) that records it was sent. */
export const ALERTS = {
  DUE_SOON: {
    template: 'deadline.due-soon',
    column: 'reminded_due_soon_at',
    property: 'remindedDueSoonAt',
  },
  DUE_TODAY: {
    template: 'deadline.due-today',
    column: 'reminded_due_today_at',
    property: 'remindedDueTodayAt',
  },
  OVERDUE: { template: 'deadline.overdue', column: 'overdue_at', property: 'overdueAt' },
} as const satisfies Record<
  DeadlineAlert,
  { template: string; column: string; property: keyof Deadline }
>;

/** A unit is reminded when its deadline enters its last 3 China days, the last one included. */
export const DUE_SOON_DAYS = 3;

/** Due times from `from` (inclusive; none: since ever) until `until` (exclusive). */
export interface DueRange {
  from: Date | null;
  until: Date;
}

/** The first instant of the China day `days` after the given one. */
function startOfChinaDay(date: string, days: number): Date {
  return new Date(endOfChinaDay(addCalendarDays(date, days - 1)).getTime() + 1);
}

/**
 * The due times for which each alert is due at an instant. The ranges do not overlap, so a
 * deadline gets at most one alert per sweep; one whose earlier alert was missed (notify was down
 * when its last 3 days began) gets the alert true now, not a stale one first.
 */
export function dueRanges(now: Date): Record<DeadlineAlert, DueRange> {
  const today = chinaDateOf(now);
  const tomorrow = startOfChinaDay(today, 1);
  return {
    OVERDUE: { from: null, until: now },
    DUE_TODAY: { from: now, until: tomorrow },
    DUE_SOON: { from: tomorrow, until: startOfChinaDay(today, DUE_SOON_DAYS) },
  };
}

/** The alert a deadline is owed at an instant, or null: what one sweep at `now` sends for it. */
export function alertDue(
  deadline: Pick<Deadline, 'status' | 'dueAt' | (typeof ALERTS)[DeadlineAlert]['property']>,
  now: Date,
): DeadlineAlert | null {
  if (deadline.status !== 'OPEN') return null;
  const ranges = dueRanges(now);
  const due = deadline.dueAt.getTime();
  const alert = (Object.keys(ranges) as DeadlineAlert[]).find((name) => {
    const { from, until } = ranges[name];
    return (from === null || due >= from.getTime()) && due < until.getTime();
  });
  return alert && deadline[ALERTS[alert].property] === null ? alert : null;
}

/**
 * How long the sweep waits before its next pass: its interval, but never past China midnight,
 * when deadlines (which end at 23:59:59.999) pass due and others enter their last days.
 */
export function nextSweepDelay(now: Date, intervalMs: number): number {
  return Math.min(intervalMs, startOfChinaDay(chinaDateOf(now), 1).getTime() - now.getTime());
}
