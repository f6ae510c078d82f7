import type { Bilingual } from '../../api/client';

// Mirrors of the admin APIs (routing units and staff, notify duty rosters, calendar and dead
// letters); the codes are those of libs/common/src/contract/domain.ts.

export const UNIT_KINDS = [
  'GOVERNMENT',
  'DEPARTMENT',
  'PETITION_BUREAU',
  'DISCIPLINE',
  'POLITICAL_LEGAL',
  'COURT',
  'OTHER',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_LEVELS = ['PREFECTURE', 'COUNTY', 'TOWNSHIP'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const CATEGORIES = [
  'URBAN_RURAL_CONSTRUCTION',
  'HOUSING',
  'PROPERTY_MANAGEMENT',
  'LAND_AND_RESOURCES',
  'AGRICULTURE_RURAL',
  'LABOR_SOCIAL_SECURITY',
  'FINANCE',
  'ECOLOGY_ENVIRONMENT',
  'ENTERPRISE_RESTRUCTURING',
  'EDUCATION',
  'HEALTH',
  'CIVIL_AFFAIRS',
  'VETERANS',
  'MARKET_REGULATION',
  'TRANSPORT',
  'PUBLIC_SECURITY',
  'LITIGATION',
  'DISCIPLINE',
  'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const STAFF_ROLES = [
  'registrar',
  'dispatcher',
  'handler',
  'unit_leader',
  'supervisor',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

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
