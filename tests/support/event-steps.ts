import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AwaitingPredecessor, type JobName, type JobPayload } from '#common';
import type { TestService } from './service-context.js';

export interface Assignment {
  assignmentId: string;
  caseNo: string;
  unitCode: string;
  petitionId: string;
}

/** An assignment of a case to the housing bureau, as routing would make it. */
export const newAssignment = (given: Partial<Assignment> = {}): Assignment => ({
  assignmentId: randomUUID(),
  caseNo: 'XF-510903-20261207-000001',
  unitCode: '510903-ZJJ',
  petitionId: randomUUID(),
  ...given,
});

/** Minutes after the test file began, so that every event carries the time it occurred at. */
export function minutesFromNow(): (n: number) => string {
  const base = Date.now();
  return (n) => new Date(base + n * 60_000).toISOString();
}

export const step = (assignment: Assignment, at: string) => ({
  petitionId: assignment.petitionId,
  caseNo: assignment.caseNo,
  assignmentId: assignment.assignmentId,
  unitCode: assignment.unitCode,
  stage: 'HANDLING' as const,
  occurredAt: at,
});

export const assigned = (assignment: Assignment, at: string): JobPayload<'petition.assigned'> => ({
  petitionId: assignment.petitionId,
  caseNo: assignment.caseNo,
  assignmentId: assignment.assignmentId,
  unitCode: assignment.unitCode,
  stage: 'HANDLING',
  role: 'LEAD',
  forwarding: false,
  assignedAt: at,
});

/** A message delivered once, refused while what it follows is not applied, then delivered again. */
export interface HeldMessage {
  /** Its first delivery: waits for its predecessor, as the worker's failed attempt would. */
  heldBack(): Promise<void>;
  /** Its delivery again, as the worker's retry or redrive: now applied. */
  completed(): Promise<void>;
}

export function heldMessage<N extends JobName>(
  service: TestService,
  name: N,
  payload: JobPayload<N>,
): HeldMessage {
  const messageId = randomUUID();
  return {
    async heldBack() {
      await assert.rejects(
        service.deliver(name, payload, messageId),
        (error) => error instanceof AwaitingPredecessor,
        `${name} to wait for its predecessor`,
      );
    },
    async completed() {
      assert.equal(await service.deliver(name, payload, messageId), true, `${name} to complete`);
    },
  };
}
