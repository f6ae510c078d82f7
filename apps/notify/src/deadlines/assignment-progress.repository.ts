import type { EntityManager } from 'typeorm';
import type { AssignmentProgress } from './assignment-steps.js';

/** What notify has applied of an assignment, locked until the commit (a row made if none). */
export async function lockProgress(
  manager: EntityManager,
  assignmentId: string,
): Promise<AssignmentProgress> {
  await manager.query(
    `INSERT INTO notify.assignment_progress (assignment_id) VALUES ($1) ON CONFLICT DO NOTHING`,
    [assignmentId],
  );
  const [row] = await manager.query<
    { assigned_at: Date | null; accepted_at: Date | null; ended_at: Date | null }[]
  >(
    `SELECT assigned_at, accepted_at, ended_at FROM notify.assignment_progress
     WHERE assignment_id = $1 FOR UPDATE`,
    [assignmentId],
  );
  return {
    assignedAt: row?.assigned_at ?? null,
    acceptedAt: row?.accepted_at ?? null,
    endedAt: row?.ended_at ?? null,
  };
}

const COLUMN = { ASSIGNED: 'assigned_at', ACCEPTED: 'accepted_at', ENDED: 'ended_at' } as const;

/** Notes a step as applied, with when routing took it. */
export async function recordProgress(
  manager: EntityManager,
  assignmentId: string,
  step: keyof typeof COLUMN,
  at: Date,
): Promise<void> {
  await manager.query(
    `UPDATE notify.assignment_progress SET ${COLUMN[step]} = $2 WHERE assignment_id = $1`,
    [assignmentId, at],
  );
}
