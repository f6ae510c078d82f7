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

/**
 * The petition's state as intake, which owns it, knows it. It follows routing's events:
 * handling (办理), then on request review (复查) and re-review (复核), which is final.
 */
export const PetitionStatuses = [
  'RECEIVED',
  'AWAITING_TRIAGE',
  'ASSIGNED',
  'ACCEPTED',
  /** 不予受理: the unit declined it with a legal reason. */
  'NOT_ACCEPTED',
  /** 办结: the written reply (答复意见书) was given. */
  'CONCLUDED',
  'IN_REVIEW',
  'REVIEWED',
  'IN_RE_REVIEW',
  /** 复核 concluded: final; the same matter is not accepted again. */
  'RE_REVIEWED',
  /** Linked to an open case of the same petitioner (重复信访), not routed anew. */
  'REPEAT',
  /** 不再受理: about a matter already concluded by re-review. */
  'NOT_ACCEPTED_AGAIN',
] as const;
export type PetitionStatus = (typeof PetitionStatuses)[number];

/** The three instances a matter can go through (办理 → 复查 → 复核). */
export const CaseStages = ['HANDLING', 'REVIEW', 'RE_REVIEW'] as const;
export type CaseStage = (typeof CaseStages)[number];

/**
 * The legal clocks (信访工作条例 第二十一、三十二、三十五、三十六条) and the report-back date a
 * higher level set on a case it assigned (交办).
 */
/** The time limits the law sets (信访工作条例), which the petitioner is owed and shown. */
export const StatutoryDeadlineKinds = [
  'FORWARD',
  'ACCEPTANCE',
  'CONCLUSION',
  'REVIEW',
  'RE_REVIEW',
] as const;
export type StatutoryDeadlineKind = (typeof StatutoryDeadlineKinds)[number];

/**
 * Every clock a unit can owe: the statutory ones, the date a higher level set for the result of
 * a case it assigned (交办, REPORT_BACK), and the date a petition bureau set for the answer to its
 * supervision notice (督办回复, SUPERVISION_ANSWER).
 */
export const DeadlineKinds = [
  ...StatutoryDeadlineKinds,
  'REPORT_BACK',
  'SUPERVISION_ANSWER',
] as const;
export type DeadlineKind = (typeof DeadlineKinds)[number];

/** The petitioner's evaluation of a reply (满意度评价). */
export const Evaluations = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
export type Evaluation = (typeof Evaluations)[number];
