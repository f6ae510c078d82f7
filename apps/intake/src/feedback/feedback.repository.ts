import type { EntityManager } from 'typeorm';
import type { CaseStage } from '#common';

/** Records the petitioner's evaluation of the stage's reply; false when it was evaluated already. */
export function insertEvaluation(
  manager: EntityManager,
  evaluation: { petitionId: string; stage: CaseStage; evaluation: string; comment: string | null },
): Promise<boolean> {
  const { evaluation: value, comment } = evaluation;
  return insertOncePerStage(manager, 'evaluation', evaluation, { evaluation: value, comment });
}

/** Records a request for review or re-review; false when it was made already. */
export function insertReviewRequest(
  manager: EntityManager,
  request: { petitionId: string; stage: CaseStage; reason: string; requestedAt: Date },
): Promise<boolean> {
  return insertOncePerStage(manager, 'review_request', request, {
    reason: request.reason,
    requested_at: request.requestedAt,
  });
}

/** Inserts the stage's row of the petition unless it has one (its key); false when it had. */
async function insertOncePerStage(
  manager: EntityManager,
  table: 'evaluation' | 'review_request',
  key: { petitionId: string; stage: CaseStage },
  values: Record<string, unknown>,
): Promise<boolean> {
  const columns = ['petition_id', 'stage', ...Object.keys(values)];
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO intake.${table} (${columns.join(', ')})
     VALUES (${columns.map((_, i) => `$${String(i + 1)}`).join(', ')})
     ON CONFLICT DO NOTHING RETURNING stage`,
    [key.petitionId, key.stage, ...Object.values(values)],
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
