import type { DeadlineKind } from '#common';
import type { DayCounting } from '../calendar/deadline-calendar.js';

/** How long each legal time limit is, and whether it counts calendar or working days. */
export const DEADLINE_RULES: Record<DeadlineKind, { days: number; counting: DayCounting }> = {
  // 信访工作条例 第三十二条: decide acceptance within 15 days of receipt.
  ACCEPTANCE: { days: 15, counting: 'CALENDAR_DAYS' },
};
