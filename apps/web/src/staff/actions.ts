import type { Me, WorkbenchCase } from '../api/types';

export type CaseAction =
  | 'accept'
  | 'decline'
  | 'return'
  | 'extension'
  | 'approveExtension'
  | 'conclude'
  | 'responsibleLeader'
  | 'transfer'
  | 'coHandlers';

/**
 * The workbench steps to offer for this unit's assignment: those the service's state machine
 * allows from here (routing case-workflow.ts). The service still decides: a refused step shows
 * its reason.
 */
export function availableActions(item: WorkbenchCase | null, me: Me): CaseAction[] {
  if (!item || item.role !== 'LEAD') return [];
  const works = me.roles.includes('handler') || me.roles.includes('unit_leader');
  if (!works) return [];
  // A petition bureau holding a case to forward it (转送) only passes it on.
  const passOn: CaseAction[] =
    item.stage === 'HANDLING' ? ['transfer', 'coHandlers'] : ['coHandlers'];
  if (item.forwarding) return passOn;
  const actions: CaseAction[] = [];
  if (item.status === 'ASSIGNED' && item.stage === 'HANDLING') {
    actions.push('accept', 'decline', 'return');
  }
  if (item.status === 'ACCEPTED') {
    if (item.stage === 'HANDLING' && !item.pendingExtension) actions.push('extension');
    if (item.pendingExtension && me.roles.includes('unit_leader')) actions.push('approveExtension');
    actions.push('conclude');
  }
  // 包案领导: a leader of the lead unit names one of its leaders (routing responsible-leader).
  if (me.roles.includes('unit_leader')) actions.push('responsibleLeader');
  return [...actions, ...passOn];
}

/** The legal grounds for not accepting (信访工作条例 第三十一、三十二条), as the API names them. */
export const DECLINE_GROUNDS = [
  'LEGAL_CHANNEL',
  'UNDER_LEGAL_PROCEEDINGS',
  'ALREADY_HANDLED',
  'CONCLUDED_BY_RE_REVIEW',
  'NOT_A_PETITION_MATTER',
] as const;
