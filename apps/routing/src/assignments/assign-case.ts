import { randomUUID } from 'node:crypto';
import type { CaseStage, Tx } from '#common';
import { assertNotAccused } from '../accused-parties/accused-unit.guard.js';
import type { Assignment, AssignmentRole } from '../database/assignment.entity.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import type { Unit } from '../database/unit.entity.js';

export interface CaseHandover {
  petitionId: string;
  caseNo: string;
  unit: Pick<Unit, 'code' | 'name' | 'kind'>;
  role: AssignmentRole;
  stage: CaseStage;
  /** The rule or decision that chose the unit, so every move can be explained. */
  rule: string;
  /** Extra facts for the timeline (classification, who decided, why). */
  explanation?: Record<string, unknown>;
}

/**
 * Gives a case to a unit, in the caller's transaction: the assignment, its announcement to intake
 * and notify, and the timeline entry. Every path that moves a case to a unit goes through here.
 * A petition bureau that receives a case it does not lead on holds it to forward it (转送).
 * A unit the petition accuses, or one under it, is refused (409): the accused-unit rule.
 */
export async function assignCase(tx: Tx, handover: CaseHandover): Promise<Assignment> {
  const { unit } = handover;
  await assertNotAccused(tx, handover.petitionId, unit.code);
  const assignment: Assignment = {
    id: randomUUID(),
    petitionId: handover.petitionId,
    caseNo: handover.caseNo,
    unitCode: unit.code,
    role: handover.role,
    stage: handover.stage,
    forwarding:
      handover.stage === 'HANDLING' && handover.role === 'LEAD' && unit.kind === 'PETITION_BUREAU',
    // A review body has no acceptance step: the request was checked when it was made.
    status: handover.stage === 'HANDLING' ? 'ASSIGNED' : 'ACCEPTED',
    rule: handover.rule,
    assignedAt: new Date(),
    acceptedAt: null,
    closedAt: null,
  };
  if (assignment.status === 'ACCEPTED') assignment.acceptedAt = assignment.assignedAt;
  await new AssignmentRepository(tx.manager).insert(assignment);
  await tx.publish('petition.assigned', {
    petitionId: assignment.petitionId,
    caseNo: assignment.caseNo,
    assignmentId: assignment.id,
    unitCode: unit.code,
    stage: assignment.stage,
    role: assignment.role,
    forwarding: assignment.forwarding,
    assignedAt: assignment.assignedAt.toISOString(),
  });
  await tx.recordTimeline({
    petitionId: assignment.petitionId,
    type: 'petition.assigned',
    occurredAt: assignment.assignedAt,
    visibleToPetitioner: true,
    data: {
      unitCode: unit.code,
      unitName: unit.name,
      role: assignment.role,
      stage: assignment.stage,
      rule: assignment.rule,
      ...handover.explanation,
    },
  });
  return assignment;
}
