/** Codes shared by every service. They are part of the public API: never rename one. */

/** How a petition reached us (信访渠道). */
export const Channels = ['ONLINE', 'LETTER', 'VISIT', 'PHONE', 'TRANSFERRED'] as const;
export type Channel = (typeof Channels)[number];

/** The three classes of the 2022 信访工作条例 (分类处理). */
export const Natures = ['REQUEST', 'ACCUSATION', 'SUGGESTION'] as const;
export type Nature = (typeof Natures)[number];

/** Subject categories; each has a department that usually leads on it. */
export const Categories = [
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
export type Category = (typeof Categories)[number];

export const UnitKinds = [
  'GOVERNMENT',
  'DEPARTMENT',
  'PETITION_BUREAU',
  'DISCIPLINE',
  'POLITICAL_LEGAL',
  'COURT',
  'OTHER',
] as const;
export type UnitKind = (typeof UnitKinds)[number];

export const UnitLevels = ['PREFECTURE', 'COUNTY', 'TOWNSHIP'] as const;
export type UnitLevel = (typeof UnitLevels)[number];

export const Roles = [
  'registrar',
  'dispatcher',
  'handler',
  'unit_leader',
  'supervisor',
  'admin',
] as const;
export type Role = (typeof Roles)[number];

/** The petition's state as intake, which owns it, knows it. */
export const PetitionStatuses = ['RECEIVED', 'ASSIGNED', 'AWAITING_TRIAGE', 'REPEAT'] as const;
export type PetitionStatus = (typeof PetitionStatuses)[number];

export const DeadlineKinds = ['ACCEPTANCE'] as const;
export type DeadlineKind = (typeof DeadlineKinds)[number];
