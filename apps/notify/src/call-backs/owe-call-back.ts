import { randomUUID } from 'node:crypto';
import type { Tx } from '#common';
import { petitionReceipt } from '../database/published-views.repository.js';
import { checkVariables } from '../notifications/templates.js';
import { insertCallBacks } from './call-back.repository.js';

export interface OwedCall {
  petitionId: string;
  /** Intake's petitioner ids: who is to be called. */
  petitionerIds: string[];
  template: string;
  variables: Record<string, string>;
}

/**
 * Puts a petitioner notice on the call-back list of the unit that registered the case, in the
 * caller's transaction, instead of an SMS a landline cannot take.
 */
export async function oweCallBacks(tx: Tx, owed: OwedCall): Promise<void> {
  if (owed.petitionerIds.length === 0) return;
  checkVariables(owed.template, owed.variables);
  const petition = await petitionReceipt(tx.manager, owed.petitionId);
  if (!petition) throw new Error(`petition ${owed.petitionId} not found`);
  const ids = owed.petitionerIds.map(() => randomUUID());
  await insertCallBacks(tx.manager, {
    ids,
    petitionerIds: owed.petitionerIds,
    petitionId: owed.petitionId,
    caseNo: petition.case_no,
    unitCode: petition.registered_by_unit,
    template: owed.template,
    variables: owed.variables,
  });
  await tx.recordTimeline({
    petitionId: owed.petitionId,
    type: 'call-back.owed',
    visibleToPetitioner: false,
    data: { template: owed.template, callBackIds: ids },
  });
}
