import { z } from 'zod';
import { addCalendarDays, calendarDayNumber, toFieldErrors, type Bilingual } from '#common';
import { PROVISIONAL_YEARS } from './provisional-calendar.js';
import type { SpecialDay } from './work-calendar.js';

/** The longest holiday a notice has given (春节, 国庆节: 8 or 9 days), with room to spare. */
const MAX_HOLIDAY_DAYS = 15;

const problem = (code: string, zh: string, en: string) => ({ params: { code, zh, en } });

const isDate = (value: string) => {
  try {
    calendarDayNumber(value);
    return true;
  } catch {
    return false;
  }
};

// Refinements carry their code and both messages; zod's own checks (types, unknown fields) are
// put in both languages by toFieldErrors.
const date = z
  .string()
  .refine(
    isDate,
    problem('DATE_INVALID', '日期无效，格式应为 YYYY-MM-DD', 'Not a date (YYYY-MM-DD)'),
  );

const NAME_REQUIRED = problem(
  'NAME_REQUIRED',
  '请填写节日名称，如“春节”',
  'Each holiday needs its name, e.g. 春节',
);

const holiday = z.strictObject({
  name: z
    .string()
    .trim()
    .refine((name) => name.length > 0, NAME_REQUIRED)
    .refine(
      (name) => name.length <= 20,
      problem('NAME_TOO_LONG', '节日名称不超过20个字', 'A holiday name has at most 20 characters'),
    ),
  /** The first rest day. */
  from: date,
  /** The last rest day; the first when absent (a one-day holiday). */
  to: date.optional(),
  /** The weekend days worked in its place (调休上班). */
  workdays: z.array(date).max(10).default([]),
});

/**
 * A year's State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知), as an admin
 * transcribes it: each holiday with its rest days and the weekend days worked for it.
 */
export const calendarNoticeSchema = z.strictObject({
  year: z
    .int()
    .refine(
      (year) => year >= PROVISIONAL_YEARS.from && year <= PROVISIONAL_YEARS.to,
      problem('YEAR_INVALID', '年份应在2000至2099之间', 'The year is 2000 to 2099'),
    ),
  /** The notice's title, e.g. 国务院办公厅关于2026年部分节假日安排的通知. */
  title: z.string().trim().min(1).max(200).optional(),
  holidays: z
    .array(holiday)
    .max(20)
    .refine(
      (list) => list.length > 0,
      problem('HOLIDAYS_REQUIRED', '请至少填写一个节假日', 'A notice lists at least one holiday'),
    ),
});

export type CalendarNoticeInput = z.input<typeof calendarNoticeSchema>;

export interface CalendarNotice {
  year: number;
  title: string | null;
  /** Every rest day and make-up working day it sets, by date. */
  days: SpecialDay[];
}

export interface NoticeIssue {
  /** Where in the notice: ['holidays', 1, 'to']. */
  path: (string | number)[];
  code: string;
  messages: Bilingual;
}

export class InvalidNoticeError extends Error {
  constructor(readonly issues: NoticeIssue[]) {
    super(`${issues.length} problem(s) in the holiday notice`);
  }
}

const isWeekend = (day: string) => {
  const weekday = (((calendarDayNumber(day) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
};

/**
 * Checks a notice as a whole and returns its days; throws InvalidNoticeError listing every
 * problem with its place. `year` is the year it must be for (the API's path).
 */
export function readCalendarNotice(value: unknown, year?: number): CalendarNotice {
  const parsed = calendarNoticeSchema.safeParse(value);
  if (!parsed.success) {
    const fields = toFieldErrors(parsed.error);
    throw new InvalidNoticeError(
      parsed.error.issues.map((issue, i) => ({
        path: issue.path.filter((p) => typeof p !== 'symbol'),
        code: fields[i]?.code ?? issue.code,
        messages: fields[i]?.messages ?? { zh: issue.message, en: issue.message },
      })),
    );
  }
  const notice = parsed.data;
  const issues: NoticeIssue[] = [];
  const add = (path: NoticeIssue['path'], code: string, zh: string, en: string) =>
    issues.push({ path, code, messages: { zh, en } });

  if (year !== undefined && notice.year !== year) {
    add(['year'], 'YEAR_MISMATCH', `通知年份应为${year}年`, `The notice must be for ${year}`);
  }
  const inYear = (day: string) => day.startsWith(`${notice.year}-`);
  const days = new Map<string, { day: SpecialDay; path: NoticeIssue['path'] }>();
  const put = (day: SpecialDay, path: NoticeIssue['path']) => {
    const earlier = days.get(day.day);
    if (!earlier) {
      days.set(day.day, { day, path });
    } else if (earlier.day.kind !== day.kind) {
      add(
        path,
        'DAY_BOTH_HOLIDAY_AND_WORKDAY',
        `${day.day}不能既放假又上班`,
        `${day.day} cannot be both a holiday and a working day`,
      );
    } else {
      add(path, 'DAY_LISTED_TWICE', `${day.day}重复列出`, `${day.day} is listed twice`);
    }
  };

  // Rest days first, so a make-up day on a rest day is named as the conflict.
  notice.holidays.forEach((h, i) => {
    const last = h.to ?? h.from;
    let ok = true;
    for (const [field, day] of [
      ['from', h.from],
      ['to', last],
    ] as const) {
      if (!inYear(day)) {
        ok = false;
        add(
          ['holidays', i, field],
          'DATE_OUTSIDE_YEAR',
          `日期应在${notice.year}年内`,
          `The date must be in ${notice.year}`,
        );
      }
    }
    const length = calendarDayNumber(last) - calendarDayNumber(h.from) + 1;
    if (length < 1) {
      add(['holidays', i, 'to'], 'RANGE_REVERSED', '结束日期早于开始日期', 'Ends before it starts');
    } else if (length > MAX_HOLIDAY_DAYS) {
      add(
        ['holidays', i, 'to'],
        'RANGE_TOO_LONG',
        `一个节假日不超过${MAX_HOLIDAY_DAYS}天`,
        `A holiday lasts at most ${MAX_HOLIDAY_DAYS} days`,
      );
    } else if (ok) {
      for (let d = 0; d < length; d++) {
        put({ day: addCalendarDays(h.from, d), kind: 'HOLIDAY', name: h.name }, [
          'holidays',
          i,
          'from',
        ]);
      }
    }
  });
  notice.holidays.forEach((h, i) => {
    h.workdays.forEach((day, j) => {
      const path = ['holidays', i, 'workdays', j];
      if (!inYear(day)) {
        add(
          path,
          'DATE_OUTSIDE_YEAR',
          `日期应在${notice.year}年内`,
          `The date must be in ${notice.year}`,
        );
      } else if (!isWeekend(day)) {
        add(
          path,
          'WORKDAY_NOT_WEEKEND',
          `调休上班日${day}应为周六或周日`,
          `The make-up working day ${day} must be a Saturday or Sunday`,
        );
      } else {
        put({ day, kind: 'WORKDAY', name: h.name }, path);
      }
    });
  });
  if (issues.length > 0) throw new InvalidNoticeError(issues);
  return {
    year: notice.year,
    title: notice.title ?? null,
    days: [...days.values()].map((d) => d.day).sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** An issue's path as the API names fields: holidays[1].to. */
export function fieldOf(path: NoticeIssue['path']): string {
  return (
    path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${part}`))
      .join('') || '(body)'
  );
}
