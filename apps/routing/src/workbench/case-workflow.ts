import type { CaseStage } from '#common';
import type { AssignmentRole, AssignmentStatus } from '../database/assignment.entity.js';

/** What a unit can do to its assignment of a case from the workbench. */
export type WorkbenchAction =
  'ACCEPT' | 'DECLINE' | 'RETURN' | 'TRANSFER' | 'EXTEND' | 'ADD_CO_HANDLERS' | 'CONCLUDE';

interface ActionRule {
  from: readonly AssignmentStatus[];
  stages: readonly CaseStage[];
  /** A petition bureau holding a case to forward it (转送) does not accept or decline it. */
  forwardingAllowed: boolean;
  zh: string;
}

/**
 * The workbench state machine. Review bodies (复查, 复核) start ACCEPTED: intake checked the
 * request window, and the law gives them one clock, to their opinion.
 */
const RULES: Record<WorkbenchAction, ActionRule> = {
  ACCEPT: { from: ['ASSIGNED'], stages: ['HANDLING'], forwardingAllowed: false, zh: '受理' },
  DECLINE: { from: ['ASSIGNED'], stages: ['HANDLING'], forwardingAllowed: false, zh: '不予受理' },
  RETURN: { from: ['ASSIGNED'], stages: ['HANDLING'], forwardingAllowed: false, zh: '退回' },
  TRANSFER: {
    from: ['ASSIGNED', 'ACCEPTED'],
    stages: ['HANDLING'],
    forwardingAllowed: true,
    zh: '转办',
  },
  EXTEND: { from: ['ACCEPTED'], stages: ['HANDLING'], forwardingAllowed: false, zh: '延期' },
  ADD_CO_HANDLERS: {
    from: ['ASSIGNED', 'ACCEPTED'],
    stages: ['HANDLING', 'REVIEW', 'RE_REVIEW'],
    forwardingAllowed: true,
    zh: '增加协办单位',
  },
  CONCLUDE: {
    from: ['ACCEPTED'],
    stages: ['HANDLING', 'REVIEW', 'RE_REVIEW'],
    forwardingAllowed: false,
    zh: '办结',
  },
};

const STATUS_ZH: Record<AssignmentStatus, string> = {
  ASSIGNED: '待受理',
  ACCEPTED: '已受理',
  DECLINED: '不予受理',
  RETURNED: '已退回',
  TRANSFERRED: '已转办',
  CONCLUDED: '已办结',
  WITHDRAWN: '已收回',
};

export interface AssignmentState {
  status: AssignmentStatus;
  stage: CaseStage;
  role: AssignmentRole;
  forwarding: boolean;
}

export interface Refusal {
  code: string;
  zh: string;
  en: string;
}

/** Why `action` is not possible on an assignment in this state, or null when it is. */
export function refusalOf(action: WorkbenchAction, state: AssignmentState): Refusal | null {
  const rule = RULES[action];
  if (state.role !== 'LEAD') {
    return {
      code: 'NOT_LEAD_UNIT',
      zh: `协办单位不能${rule.zh}，请由主办单位办理`,
      en: `Only the lead unit may ${action.toLowerCase()} this case`,
    };
  }
  if (!rule.stages.includes(state.stage)) {
    return {
      code: 'NOT_IN_THIS_STAGE',
      zh: `复查、复核阶段不能${rule.zh}`,
      en: `${action} is not possible in stage ${state.stage}`,
    };
  }
  if (state.forwarding && !rule.forwardingAllowed) {
    return {
      code: 'FORWARDING_ONLY',
      zh: `信访部门应转送或交办本件，不能直接${rule.zh}`,
      en: `The petition bureau forwards this case to the unit in charge; it cannot ${action.toLowerCase()} it`,
    };
  }
  if (!rule.from.includes(state.status)) {
    return {
      code: 'INVALID_TRANSITION',
      zh: `本件当前状态为“${STATUS_ZH[state.status]}”，不能${rule.zh}`,
      en: `The case is ${state.status}; it cannot be moved by ${action}`,
    };
  }
  return null;
}

/** After this many returns of one case, the petition bureau's decision binds (不得再退回). */
export const MAX_RETURNS = 2;

/** Whether a dispatcher's decision on a case returned `returns` times binds its unit. */
export function decisionBinds(returns: number): boolean {
  return returns >= MAX_RETURNS;
}

/** Why a unit may not return (退回) a case already returned `returns` times, or null. */
export function returnRefusal(returns: number): Refusal | null {
  if (!decisionBinds(returns)) return null;
  return {
    code: 'RETURN_LIMIT_REACHED',
    zh: `本件已被退回${MAX_RETURNS}次，信访部门的交办决定具有约束力，不得再退回`,
    en: `This case was already returned ${MAX_RETURNS} times; the petition bureau's decision binds`,
  };
}

/**
 * Legal grounds for not accepting (不予受理), 信访工作条例 第三十一、三十二条. The petitioner sees the
 * ground's wording with the unit's explanation.
 */
export const DECLINE_GROUNDS = {
  LEGAL_CHANNEL: '属于应当通过诉讼、仲裁、行政复议等法定途径解决的事项',
  UNDER_LEGAL_PROCEEDINGS: '已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决',
  ALREADY_HANDLED: '同一信访事项正在办理或已经办结，且无新的事实和理由',
  CONCLUDED_BY_RE_REVIEW: '信访事项已经复核终结，不再受理',
  NOT_A_PETITION_MATTER: '不属于信访事项受理范围',
} as const;
export type DeclineGround = keyof typeof DECLINE_GROUNDS;
export const DeclineGrounds = Object.keys(DECLINE_GROUNDS) as [DeclineGround, ...DeclineGround[]];

export type DeadlineState = 'GREEN' | 'YELLOW' | 'RED';
const DAY_MS = 86_400_000;
/** A deadline this close is near due (临期): yellow on the workbench and the supervisor's list. */
const NEAR_DUE_MS = 3 * DAY_MS;

/** Workbench colour of a deadline: red overdue, yellow due within 3 days, green on time. */
export function deadlineState(dueAt: Date, now: Date): DeadlineState {
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'RED';
  return left <= NEAR_DUE_MS ? 'YELLOW' : 'GREEN';
}

/** The last instant a deadline ends that is near due (yellow) or overdue (red) at `now`. */
export const nearDueUntil = (now: Date) => new Date(now.getTime() + NEAR_DUE_MS);
