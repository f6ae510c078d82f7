import type { Bilingual } from '../../api/client';

// Mirrors of the admin APIs (routing units and staff, notify duty rosters, calendar and dead
// letters); the codes are libs/common's own, imported (that file has no dependencies).
import type {
  Category,
  Role as StaffRole,
  UnitKind,
  UnitLevel,
} from '../../../../../libs/common/src/contract/domain';

export {
  Categories as CATEGORIES,
  Roles as STAFF_ROLES,
  UnitKinds as UNIT_KINDS,
  UnitLevels as UNIT_LEVELS,
} from '../../../../../libs/common/src/contract/domain';
export type { Category, StaffRole, UnitKind, UnitLevel };

/** A unit of GET /api/v1/units (and the body of POST, with defaults). */
export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  divisionCode: string;
  superiorCode: string | null;
  categories: Category[];
  contactEmail: string | null;
  contactPhone: string | null;
  active: boolean;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** An account of GET /api/v1/staff: never its password. */
export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  unitCode: string;
  roles: StaffRole[];
  active: boolean;
  passwordChangeRequired: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
}

/** POST /api/v1/staff (no password: the API makes a one-time one and answers it once). */
export interface NewAccount {
  username: string;
  displayName: string;
  unitCode: string;
  roles: StaffRole[];
}

export type OneTimePasswordAnswer = StaffAccount & { oneTimePassword: string };

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** An entry of PUT /api/v1/duty-rosters/{scope}, in paging order. */
export interface RosterEntryInput {
  staffId?: string;
  phone?: string;
  email?: string;
  locale: Locale;
}

/** GET /api/v1/duty-rosters/{scope}: contacts masked. */
export interface RosterView {
  scope: string;
  entries: {
    position: number;
    staffId: string | null;
    phone: string | null;
    email: string | null;
    locale: Locale;
  }[];
}

export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

/** GET /api/v1/calendar/{year} */
export interface CalendarYear {
  year: number;
  official: boolean;
  source: string;
  title: string | null;
  loadedAt: string | null;
  label?: Bilingual;
  days: { date: string; kind: CalendarDayKind; name: string }[];
}

/** A holiday of the notice PUT /api/v1/calendar/{year} takes. */
export interface NoticeHoliday {
  name: string;
  from: string;
  to?: string;
  workdays: string[];
}

export interface CalendarNotice {
  title?: string;
  holidays: NoticeHoliday[];
}

/** The answer of PUT /api/v1/calendar/{year}. */
export interface CalendarLoaded {
  year: number;
  holidays: number;
  workdays: number;
  confirmed: number;
  moved: { caseNo: string; kind: string; from: string; to: string }[];
}

/** A row of GET /api/v1/notifications/failed. */
export interface DeadLetter {
  id: string;
  petitionId: string | null;
  channel: string;
  recipientKind: string;
  recipient: string | null;
  template: string;
  status: 'FAILED' | 'UNCONFIRMED';
  attempts: number;
  errorCode: string | null;
  provider: string | null;
  createdAt: string;
}
