import type { Rule } from 'antd/es/form';
import type { I18n } from '../../i18n/i18n';
import type {
  CalendarNotice,
  CalendarYear,
  Category,
  Locale,
  NewAccount,
  RosterEntryInput,
  StaffRole,
  Unit,
  UnitKind,
  UnitLevel,
} from './types';

/**
 * The admin forms' checks before sending, the limits of the APIs' schemas (routing
 * unit-schema.ts and staff-admin.schemas.ts, notify duty.schemas.ts and calendar-notice.ts);
 * the API's answer stays the last word (a real division, a phone, a unit's staff).
 */
export const ADMIN_LIMITS = { unitName: 100, displayName: 100, email: 254, holidayName: 20 };

export const ADMIN_PATTERNS = {
  unitCode: /^[A-Z0-9_-]{2,64}$/,
  divisionCode: /^\d{6}(\d{3})?$/,
  username: /^[a-z0-9][a-z0-9._-]{1,63}$/,
  /** A roster covers a unit (its code) or a county or prefecture territory (6 digits). */
  rosterScope: /^(\d{6}|[A-Z0-9_-]{2,64})$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

/** The division code a unit of each level has (unit-schema.ts DIVISION_LEVELS). */
const LEVEL_DIVISION: Record<UnitLevel, RegExp> = {
  PREFECTURE: /^\d{4}00$/,
  COUNTY: /^\d{6}$/,
  TOWNSHIP: /^\d{9}$/,
};

/** Whether a division code fits a unit's level (the API also checks the division is real). */
export function divisionFitsLevel(level: UnitLevel | undefined, divisionCode: string): boolean {
  return !level || LEVEL_DIVISION[level].test(divisionCode);
}

export function unitRules({ t }: I18n) {
  const required: Rule = { required: true, whitespace: true, message: t('form.required') };
  const chosen: Rule = { required: true, message: t('form.required') };
  return {
    code: [required, { pattern: ADMIN_PATTERNS.unitCode, message: t('admin.unitCodeFormat') }],
    name: [
      required,
      { max: ADMIN_LIMITS.unitName, message: t('form.maxLength', { n: ADMIN_LIMITS.unitName }) },
    ],
    kind: [chosen],
    level: [chosen],
    divisionCode: [
      required,
      { pattern: ADMIN_PATTERNS.divisionCode, message: t('admin.divisionCodeFormat') },
      ({ getFieldValue }) => ({
        validator: (_: unknown, value: string | undefined) =>
          !value ||
          !ADMIN_PATTERNS.divisionCode.test(value) ||
          divisionFitsLevel(getFieldValue('level') as UnitLevel | undefined, value)
            ? Promise.resolve()
            : Promise.reject(new Error(t('admin.divisionLevelMismatch'))),
      }),
    ] satisfies Rule[],
    contactEmail: [
      { type: 'email', message: t('admin.emailFormat') },
      { max: ADMIN_LIMITS.email, message: t('form.maxLength', { n: ADMIN_LIMITS.email }) },
    ] satisfies Rule[],
  };
}

export function accountRules({ t }: I18n) {
  const chosen: Rule = { required: true, message: t('form.required') };
  return {
    username: [chosen, { pattern: ADMIN_PATTERNS.username, message: t('admin.usernameFormat') }],
    displayName: [
      { required: true, whitespace: true, message: t('form.required') },
      {
        max: ADMIN_LIMITS.displayName,
        message: t('form.maxLength', { n: ADMIN_LIMITS.displayName }),
      },
    ] satisfies Rule[],
    unitCode: [chosen],
    roles: [
      { required: true, type: 'array', min: 1, message: t('admin.rolesRequired') },
    ] satisfies Rule[],
  };
}

export function rosterRules({ t }: I18n) {
  return {
    scope: [
      { required: true, whitespace: true, message: t('form.required') },
      { pattern: ADMIN_PATTERNS.rosterScope, message: t('admin.rosterScopeFormat') },
    ] satisfies Rule[],
    email: [{ type: 'email', message: t('admin.emailFormat') }] satisfies Rule[],
  };
}

export function calendarRules({ t }: I18n) {
  return {
    name: [
      { required: true, whitespace: true, message: t('form.required') },
      {
        max: ADMIN_LIMITS.holidayName,
        message: t('form.maxLength', { n: ADMIN_LIMITS.holidayName }),
      },
    ] satisfies Rule[],
    from: [
      { required: true, whitespace: true, message: t('form.required') },
      { pattern: ADMIN_PATTERNS.date, message: t('admin.dateFormat') },
    ] satisfies Rule[],
    to: [{ pattern: ADMIN_PATTERNS.date, message: t('admin.dateFormat') }] satisfies Rule[],
  };
}

/** What the unit form holds: empty optional fields as the form leaves them. */
export interface UnitFormValues {
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  divisionCode: string;
  superiorCode?: string | null;
  categories?: Category[];
  contactEmail?: string | null;
  contactPhone?: string | null;
}

const optional = (value: string | null | undefined) => value?.trim() || null;

/** The unit form as the API takes it (POST whole; PATCH without the code, which never changes). */
export function toUnitBody(values: UnitFormValues): Omit<Unit, 'active'> {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind,
    level: values.level,
    divisionCode: values.divisionCode.trim(),
    superiorCode: optional(values.superiorCode),
    categories: values.categories ?? [],
    contactEmail: optional(values.contactEmail),
    contactPhone: optional(values.contactPhone),
  };
}

export interface AccountFormValues {
  username: string;
  displayName: string;
  unitCode: string;
  roles: StaffRole[];
}

export function toNewAccount(values: AccountFormValues): NewAccount {
  return {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    unitCode: values.unitCode,
    roles: values.roles,
  };
}

export interface RosterFormValues {
  entries: { staffId?: string; phone?: string; email?: string; locale?: Locale }[];
}

/** The roster form as PUT takes it: blank contacts left out, Chinese unless chosen. */
export function toRoster(values: RosterFormValues): { entries: RosterEntryInput[] } {
  return {
    entries: values.entries.map((entry) => {
      const phone = entry.phone?.trim();
      const email = entry.email?.trim();
      return {
        ...(entry.staffId && { staffId: entry.staffId }),
        ...(phone && { phone }),
        ...(email && { email }),
        locale: entry.locale ?? 'zh-CN',
      };
    }),
  };
}

/**
 * A year's calendar as a notice to edit: each holiday's consecutive rest days as from–to, and
 * the make-up working days of the same name as its workdays (the notice's own layout).
 */
export function noticeOf(calendar: CalendarYear): CalendarNotice {
  const holidays: CalendarNotice['holidays'] = [];
  const days = [...calendar.days].sort((a, b) => a.date.localeCompare(b.date));
  for (const day of days.filter((d) => d.kind === 'HOLIDAY')) {
    const last = holidays.at(-1);
    if (last && last.name === day.name && nextDay(last.to ?? last.from) === day.date) {
      last.to = day.date;
    } else {
      holidays.push({ name: day.name, from: day.date, to: day.date, workdays: [] });
    }
  }
  for (const day of days.filter((d) => d.kind === 'WORKDAY')) {
    const holiday = holidays.find((h) => h.name === day.name);
    if (holiday) holiday.workdays.push(day.date);
  }
  for (const holiday of holidays) if (holiday.to === holiday.from) delete holiday.to;
  return { ...(calendar.title && { title: calendar.title }), holidays };
}

/** The calendar day after `date` (YYYY-MM-DD), in UTC so that no time zone shifts it. */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The notice form as PUT takes it: names and dates trimmed, a one-day holiday without `to`. */
export function toNotice(values: CalendarNotice): CalendarNotice {
  const title = values.title?.trim();
  return {
    ...(title && { title }),
    holidays: values.holidays.map((h) => {
      const to = h.to?.trim();
      return {
        name: h.name.trim(),
        from: h.from.trim(),
        ...(to && { to }),
        workdays: h.workdays.map((d) => d.trim()).filter(Boolean),
      };
    }),
  };
}

/** The admin page's sections, each at its own address under /staff/admin. */
export const ADMIN_SECTIONS = ['units', 'rosters', 'staff', 'calendar', 'dead-letters'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** The section a path shows: /staff/admin/staff → staff; the units when none is named. */
export function sectionAt(path: string): AdminSection {
  const name = /^\/staff\/admin\/([^/]+)/.exec(path)?.[1];
  return ADMIN_SECTIONS.find((section) => section === name) ?? 'units';
}

/** A list's address with the filters chosen (those left empty are not sent). */
export function listPath(path: string, filters: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  return `${path}?${query.toString()}`;
}
