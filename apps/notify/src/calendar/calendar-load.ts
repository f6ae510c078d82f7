import type { StatutoryDeadlineKind, Tx } from '#common';
import { firstAlertAt, reminders, type ReminderOffset } from '../deadlines/deadline-alerts.js';
import { lockProvisional, moveDue, setProvisional } from '../deadlines/deadline.repository.js';
import { ADMIN_SOURCE } from './calendar-import.js';
import type { CalendarNotice } from './calendar-notice.js';
import { loadingLock, replaceYear } from './calendar.repository.js';
import { countPeriod, type DayCounting } from './deadline-calendar.js';
import { WorkCalendar } from './work-calendar.js';

export interface CalendarLoadOptions {
  rules: Record<StatutoryDeadlineKind, { counting: DayCounting }>;
  offsets: ReminderOffset[];
  /** Who loaded it: a staff username, or `cli`. */
  loadedBy: string;
  now: Date;
}

export interface MovedDeadline {
  deadlineId: string;
  caseNo: string;
  kind: string;
  from: Date;
  to: Date;
}

export interface CalendarLoadResult {
  year: number;
  holidays: number;
  workdays: number;
  /** Provisional deadlines whose last day the official calendar moved. */
  moved: MovedDeadline[];
  /** Provisional deadlines the official calendar kept where they were. */
  confirmed: number;
}

/**
 * Loads a year's State Council notice in the caller's transaction: the year's days replace
 * whatever it had (the package's, a provisional count, an earlier notice) and the year becomes
 * covered, then every open provisional deadline is counted again on the new calendar. A moved
 * one gets a new last day, a new reminder schedule and a `deadline.moved` timeline entry.
 */
export async function loadCalendarNotice(
  tx: Tx,
  notice: CalendarNotice,
  options: CalendarLoadOptions,
): Promise<CalendarLoadResult> {
  // One load at a time, and none while a clock is being counted (countingLock): a deadline
  // counted on the old calendar is committed before the recount below reads it.
  await loadingLock(tx.manager);
  await replaceYear(tx.manager, {
    year: notice.year,
    days: notice.days,
    source: ADMIN_SOURCE,
    title: notice.title,
    loadedBy: options.loadedBy,
  });

  const calendar = await WorkCalendar.load(tx.manager);
  const rows = await lockProvisional(tx.manager);
  const moved: MovedDeadline[] = [];
  let confirmed = 0;
  for (const row of rows) {
    const due = countPeriod(calendar, options.rules, {
      kind: row.kind,
      startsAt: row.starts_at,
      periodDays: row.period_days,
    });
    // Escalated already (逾期督办): the supervision stands on the date it was given.
    if (row.overdue_at !== null || due.dueAt.getTime() === row.due_at.getTime()) {
      await setProvisional(tx.manager, row.id, due.provisional);
      if (!due.provisional) confirmed++;
      continue;
    }
    const schedule = reminders({ id: row.id, dueAt: due.dueAt }, options.offsets, calendar);
    await moveDue(tx.manager, row.id, {
      dueAt: due.dueAt,
      provisional: due.provisional,
      nextAlertAt: firstAlertAt(due.dueAt, schedule, options.now),
    });
    await tx.recordTimeline({
      petitionId: row.petition_id,
      type: 'deadline.moved',
      visibleToPetitioner: true,
      data: {
        kind: row.kind,
        dueAt: due.dueAt.toISOString(),
        previousDueAt: row.due_at.toISOString(),
        reason: 'CALENDAR_LOADED',
        year: notice.year,
        ...(due.provisional && { provisional: true }),
      },
    });
    moved.push({
      deadlineId: row.id,
      caseNo: row.case_no,
      kind: row.kind,
      from: row.due_at,
      to: due.dueAt,
    });
  }
  return {
    year: notice.year,
    holidays: notice.days.filter((d) => d.kind === 'HOLIDAY').length,
    workdays: notice.days.filter((d) => d.kind === 'WORKDAY').length,
    moved,
    confirmed,
  };
}
