import type { Rule } from 'antd/es/form';
import type { I18n, MessageKey } from '../../i18n/i18n';
import type { UrgentDeadline } from './types';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar day of an instant, counted in days since 1970-01-01. */
const chinaDay = (instant: Date) => Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);

/**
 * How a deadline stands in calendar days (China time), as a supervisor reads it: overdue by n
 * days (at least one once the API calls it red), due today, or n days left.
 */
export function urgencyText(
  { dueAt, state }: Pick<UrgentDeadline, 'dueAt' | 'state'>,
  now: Date,
): { key: MessageKey; n: number } {
  const left = chinaDay(new Date(dueAt)) - chinaDay(now);
  if (state === 'RED') return { key: 'supervision.overdueDays', n: Math.max(1, -left) };
  if (left <= 0) return { key: 'supervision.dueToday', n: 0 };
  return { key: 'supervision.daysLeft', n: left };
}

/** The API's limits on a notice's instructions (routing supervision.schemas.ts issueSchema). */
export const INSTRUCTIONS_LIMITS = { min: 5, max: 2000 } as const;

export function issueRules({ t }: I18n): { instructions: Rule[] } {
  const { min, max } = INSTRUCTIONS_LIMITS;
  return {
    instructions: [
      { required: true, whitespace: true, message: t('form.required') },
      { min, max, message: t('form.lengthBetween', { min, max }) },
    ],
  };
}
