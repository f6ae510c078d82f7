import type { AwaitedStep, Tx } from '#common';
import { PublishedViewsRepository } from '../database/published-views.repository.js';
import { dispatchingBureau } from '../units/petition-bureaus.js';

export interface AwaitedCaseStep {
  petitionId: string;
  caseNo: string;
  /** The unit whose staff, in the step's role (AWAITED_STEP_ROLES), must act or learn of it. */
  unitCode: string;
  step: AwaitedStep;
}

/** Tells, through notify, the staff who must act next on a case, with the step's transaction. */
export async function awaitStaff(tx: Tx, awaited: AwaitedCaseStep): Promise<void> {
  await tx.publish('case.awaiting', { ...awaited, occurredAt: new Date().toISOString() });
}

/**
 * A case waits in triage (分流): the dispatchers of the bureau over the petition's place are told.
 * With no bureau in the directory the triage queue still holds it, for the prefecture to see.
 */
export async function awaitTriage(tx: Tx, petitionId: string, caseNo: string): Promise<void> {
  const division = await new PublishedViewsRepository(tx.manager).divisionOfPetition(petitionId);
  const bureau = division && (await dispatchingBureau(tx, division));
  if (!bureau) return;
  await awaitStaff(tx, { petitionId, caseNo, unitCode: bureau.code, step: 'TRIAGE_DECISION' });
}
