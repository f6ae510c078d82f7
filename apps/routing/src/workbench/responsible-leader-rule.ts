import type { Role } from '#common';
import type { Refusal } from './case-workflow.js';

/**
 * 包案领导: a major case (重大信访事项) is answered for by a leader of its lead unit, named before
 * the case can be concluded.
 */

/** Why the case cannot be concluded yet, or null: a major case needs its responsible leader. */
export function leaderlessMajorCaseRefusal(file: {
  majorReasons: readonly string[];
  responsibleLeaderId: string | null;
}): Refusal | null {
  if (file.majorReasons.length === 0 || file.responsibleLeaderId) return null;
  return {
    code: 'RESPONSIBLE_LEADER_REQUIRED',
    zh: '重大信访事项须先明确包案领导，方可办结',
    en: 'A major case needs a responsible leader before it can be concluded',
  };
}

/** Whether an (active) account may be named the responsible leader for this unit's case. */
export function mayLeadCase(
  account: { unitCode: string; roles: readonly Role[] } | null,
  unitCode: string,
): boolean {
  return account?.unitCode === unitCode && account.roles.includes('unit_leader');
}
