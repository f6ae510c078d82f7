import type { EntityManager } from 'typeorm';
import type { CaseStage } from '#common';

/** Records the petitioner's evaluation of the stage's reply; false when it was evaluated already. */
export async function insertEvaluation(
  manager: EntityManager,
  evaluation: { petitionId: string; stage: CaseStage; evaluation: string; comment: string | null },
): Promise<boolean> {
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO intake.evaluation (petition_id, stage, evaluation, comment)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING stage`,
    [evaluation.petitionId, evaluation.stage, evaluation.evaluation, evaluation.comment],
  );
  return inserted.length > 0;
}

/** Records a request for review or re-review; false when it was made already. */
export async function insertReviewRequest(
  manager: EntityManager,
  request: { petitionId: string; stage: CaseStage; reason: string; requestedAt: Date },
): Promise<boolean> {
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO intake.review_request (petition_id, stage, reason, requested_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING stage`,
    [request.petitionId, request.stage, request.reason, request.requestedAt],
  );
  return inserted.length > 0;
}

/** The petitioner's evaluations of a case's replies, oldest first. */
export function evaluationsOf(manager: EntityManager, petitionId: string) {
  return manager.query<{ stage: CaseStage; evaluation: string; evaluatedAt: Date }[]>(
    `SELECT stage, evaluation, evaluated_at AS "evaluatedAt" FROM intake.evaluation
     WHERE petition_id = $1 ORDER BY evaluated_at`,
    [petitionId],
  );
}
