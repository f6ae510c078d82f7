import { randomUUID } from 'node:crypto';
import { HttpStatus } from '@nestjs/common';
import {
  ApiError,
  notFound,
  validationFailed,
  type JobName,
  type StaffUser,
  type Tx,
} from '#common';
import type { Assignment } from '../database/assignment.entity.js';
import { AssignmentRepository } from '../database/assignment.repository.js';
import type { Unit } from '../database/unit.entity.js';
import { UnitRepository } from '../units/unit.repository.js';
import { refusalOf, type Refusal, type WorkbenchAction } from './case-workflow.js';

/*
 * What every workbench action shares. Each runs in one transaction that locks the unit's
 * assignment of the case, checks the action against its current state, records the step on the
 * timeline and announces it through the outbox: two handlers acting at once are serialised by
 * the lock, and the second sees the first's result.
 */

const CASE = { zh: '本单位的信访件', en: 'Case of your unit' };

export type StepJob = Extract<
  JobName,
  'case.accepted' | 'case.declined' | 'case.returned' | 'case.transferred' | 'case.concluded'
>;

export const conflict = (refusal: Refusal) =>
  new ApiError(HttpStatus.CONFLICT, refusal.code, { zh: refusal.zh, en: refusal.en });

/** The unit's latest assignment of the case (lead before co-handler), locked; 404 if none. */
export async function lockUnitAssignment(
  tx: Tx,
  caseNo: string,
  staff: StaffUser,
): Promise<Assignment> {
  const assignment = await new AssignmentRepository(tx.manager).lockLatestOfUnit(
    caseNo,
    staff.unitCode,
  );
  if (!assignment) throw notFound(CASE);
  return assignment;
}

/** The unit's assignment of the case, locked, if the action is possible in its state. */
export async function lockAssignmentFor(
  action: WorkbenchAction,
  tx: Tx,
  caseNo: string,
  staff: StaffUser,
): Promise<Assignment> {
  const assignment = await lockUnitAssignment(tx, caseNo, staff);
  const refusal = refusalOf(action, assignment);
  if (refusal) throw conflict(refusal);
  return assignment;
}

/** An active unit named in the request; a validation error on `field` otherwise. */
export async function activeUnit(tx: Tx, code: string, field: string): Promise<Unit> {
  // An inactive unit keeps its cases but is given no new ones.
  const unit = await new UnitRepository(tx.manager).activeByCode(code);
  if (unit) return unit;
  throw validationFailed([
    {
      field,
      code: 'UNKNOWN_UNIT',
      messages: { zh: `单位 ${code} 不存在`, en: `There is no unit ${code}` },
    },
  ]);
}

/** What a unit's request (延期, 转办) on its assignment holds whatever it asks for. */
export interface PendingRequest {
  id: string;
  assignmentId: string;
  reason: string;
  requestedBy: string;
}

/**
 * Files the unit's request on its assignment under a new id and notes it for staff; `add`
 * answers false when an earlier request stands in the way, which is refused as `refusal`.
 */
export async function fileRequest(
  tx: Tx,
  assignment: Assignment,
  staff: StaffUser,
  request: {
    reason: string;
    add: (pending: PendingRequest) => Promise<boolean>;
    refusal: Refusal;
    note: string;
    data: (id: string) => Record<string, unknown>;
  },
): Promise<string> {
  const id = randomUUID();
  const pending = {
    id,
    assignmentId: assignment.id,
    reason: request.reason,
    requestedBy: staff.id,
  };
  if (!(await request.add(pending))) throw conflict(request.refusal);
  await tx.recordStaffNote(assignment.petitionId, request.note, request.data(id));
  return id;
}

/** The step's facts as the outbox carries them. */
export function stepOf(assignment: Assignment, at: Date) {
  return {
    petitionId: assignment.petitionId,
    caseNo: assignment.caseNo,
    assignmentId: assignment.id,
    unitCode: assignment.unitCode,
    stage: assignment.stage,
    occurredAt: at.toISOString(),
  };
}

/** Publishes the step and records it on the case's timeline. */
export async function announceStep(
  tx: Tx,
  job: StepJob,
  assignment: Assignment,
  at: Date,
  visibleToPetitioner: boolean,
  data: Record<string, unknown>,
): Promise<void> {
  await tx.publish(job, stepOf(assignment, at));
  await tx.recordTimeline({
    petitionId: assignment.petitionId,
    type: job,
    occurredAt: at,
    visibleToPetitioner,
    data: { unitCode: assignment.unitCode, stage: assignment.stage, ...data },
  });
}
