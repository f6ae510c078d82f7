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
 * A step of a case that waits on staff (待办), and the role whose holders at the unit concerned
 * must act on it or learn of it: the leader approves an extension, the handler carries on after
 * the decision, the petition bureau's dispatchers decide a transfer or a case that needs them,
 * the supervisor reads the answer to their supervision notice.
 */
export const AWAITED_STEP_ROLES = {
  EXTENSION_DECISION: 'unit_leader',
  EXTENSION_APPROVED: 'handler',
  EXTENSION_REJECTED: 'handler',
  TRANSFER_DECISION: 'dispatcher',
  TRIAGE_DECISION: 'dispatcher',
  SUPERVISION_ANSWERED: 'supervisor',
} as const satisfies Record<string, Role>;
export type AwaitedStep = keyof typeof AWAITED_STEP_ROLES;
export const AwaitedSteps = Object.keys(AWAITED_STEP_ROLES) as [AwaitedStep, ...AwaitedStep[]];

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

/**
 * Shown with a deadline counted into a year whose State Council holiday notice is not loaded
 * yet: counted on the statutory holidays alone, it may move when the notice is loaded.
 */
export const PROVISIONAL_DEADLINE_LABEL = {
  zh: '暂按法定节假日计算',
  en: 'Provisional: counted on the statutory holidays until the year’s holiday notice is loaded',
} as const;

/** The petitioner's evaluation of a reply (满意度评价). */
export const Evaluations = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
export type Evaluation = (typeof Evaluations)[number];

type Labels<K extends string> = Readonly<Record<K, { zh: string; en: string }>>;

/** What a petitioner or clerk calls each state of a petition; the API gives it beside the code. */
export const PETITION_STATUS_LABELS: Labels<PetitionStatus> = {
  RECEIVED: { zh: '已登记', en: 'registered' },
  AWAITING_TRIAGE: { zh: '待交办', en: 'awaiting a handling unit' },
  ASSIGNED: { zh: '已交办', en: 'assigned' },
  ACCEPTED: { zh: '已受理', en: 'accepted' },
  NOT_ACCEPTED: { zh: '不予受理', en: 'not accepted' },
  CONCLUDED: { zh: '已办结', en: 'concluded' },
  IN_REVIEW: { zh: '复查中', en: 'under review' },
  REVIEWED: { zh: '已复查', en: 'reviewed' },
  IN_RE_REVIEW: { zh: '复核中', en: 'under re-review' },
  RE_REVIEWED: { zh: '已复核（终结）', en: 're-reviewed (final)' },
  REPEAT: { zh: '重复信访', en: 'repeat petition' },
  NOT_ACCEPTED_AGAIN: { zh: '不再受理', en: 'not accepted again' },
};

/** The name of each clock, the same in every service (受理, 办结…). */
export const DEADLINE_KIND_LABELS: Labels<DeadlineKind> = {
  FORWARD: { zh: '转送交办', en: 'forwarding' },
  ACCEPTANCE: { zh: '受理告知', en: 'acceptance' },
  CONCLUSION: { zh: '办结', en: 'conclusion' },
  REVIEW: { zh: '复查', en: 'review' },
  RE_REVIEW: { zh: '复核', en: 're-review' },
  REPORT_BACK: { zh: '报告办理结果', en: 'report-back' },
  SUPERVISION_ANSWER: { zh: '督办回复', en: 'supervision answer' },
};

export const CASE_STAGE_LABELS: Labels<CaseStage> = {
  HANDLING: { zh: '办理', en: 'handling' },
  REVIEW: { zh: '复查', en: 'review' },
  RE_REVIEW: { zh: '复核', en: 're-review' },
};

export const ASSIGNMENT_ROLE_LABELS: Labels<'LEAD' | 'CO_HANDLER'> = {
  LEAD: { zh: '主办', en: 'lead' },
  CO_HANDLER: { zh: '协办', en: 'co-handler' },
};

/** The Chinese label of a code read from storage; the code itself if it has none. */
export function zhLabel(labels: Labels<string>, code: string): string {
  return labels[code]?.zh ?? code;
}
