import type { StatutoryDeadlineKind } from '#common';
import type { DayCounting } from '../calendar/deadline-calendar.js';

/**
 * How long each legal time limit is (信访工作条例, 2022), all in calendar days; a last day on a
 * rest day moves to the next working day.
 */
export const DEADLINE_RULES: Record<
  StatutoryDeadlineKind,
  { days: number; counting: DayCounting }
> = {
  // 第二十一条: the petition bureau forwards (转送/交办) within 15 days.
  FORWARD: { days: 15, counting: 'CALENDAR_DAYS' },
  // 第三十二条: the unit decides acceptance within 15 days of receipt.
  ACCEPTANCE: { days: 15, counting: 'CALENDAR_DAYS' },
  // 第三十二条: concluded within 60 days of acceptance; one extension of at most 30.
  CONCLUSION: { days: 60, counting: 'CALENDAR_DAYS' },
  // 第三十五条: the review opinion within 30 days of the request.
  REVIEW: { days: 30, counting: 'CALENDAR_DAYS' },
  // 第三十六条: the re-review opinion within 30 days of the request.
  RE_REVIEW: { days: 30, counting: 'CALENDAR_DAYS' },
};

/**
 * The rules with the kinds an office counts in working days instead (DEADLINE_WORKING_DAY_KINDS):
 * the law says days, and some provinces' rules read them as working days.
 */
export function deadlineRules(
  workingDayKinds: readonly string[],
): Record<StatutoryDeadlineKind, { days: number; counting: DayCounting }> {
  const rules = { ...DEADLINE_RULES };
  for (const kind of Object.keys(rules) as StatutoryDeadlineKind[]) {
    if (workingDayKinds.includes(kind)) rules[kind] = { ...rules[kind], counting: 'WORKING_DAYS' };
  }
  return rules;
}

/** The most a conclusion deadline may be extended, once (延期). */
export const MAX_EXTENSION_DAYS = 30;
