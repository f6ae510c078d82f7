import type { EntityManager } from 'typeorm';
import type { Category, Nature, PetitionStatus } from '#common';
import { Petition } from '../database/petition.entity.js';

/** The dates a step records along with the status. */
export interface StepDates {
  closedAt?: Date;
  concludedAt?: Date;
  reviewedAt?: Date;
  reReviewedAt?: Date;
}

/** The petition's status and when the step it follows was taken, locked until the commit. */
export async function lockStatus(
  manager: EntityManager,
  petitionId: string,
): Promise<{ status: PetitionStatus; stepAt: Date | null } | undefined> {
  const [row] = await manager.query<{ status: PetitionStatus; status_step_at: Date | null }[]>(
    `SELECT status, status_step_at FROM intake.petition WHERE id = $1 FOR UPDATE`,
    [petitionId],
  );
  return row && { status: row.status, stepAt: row.status_step_at };
}

const dateParameters = (dates: StepDates) => [
  dates.closedAt ?? null,
  dates.concludedAt ?? null,
  dates.reviewedAt ?? null,
  dates.reReviewedAt ?? null,
];

/** Moves the status, as the step taken at `at` says, with the dates it records. */
export async function setStatus(
  manager: EntityManager,
  petitionId: string,
  change: { status: PetitionStatus; at: Date; dates: StepDates },
): Promise<void> {
  await manager.query(
    `UPDATE intake.petition SET status = $2, status_step_at = $3,
       closed_at = COALESCE($4, closed_at), concluded_at = COALESCE($5, concluded_at),
       reviewed_at = COALESCE($6, reviewed_at), re_reviewed_at = COALESCE($7, re_reviewed_at)
     WHERE id = $1`,
    [petitionId, change.status, change.at, ...dateParameters(change.dates)],
  );
}

/**
 * A superseded step still happened: the stage it concluded keeps its date (the petitioner's time
 * to ask for review counts from it), where none is recorded yet. The status and closure stay.
 */
export async function recordStageDates(
  manager: EntityManager,
  petitionId: string,
  dates: StepDates,
): Promise<void> {
  const [, concludedAt, reviewedAt, reReviewedAt] = dateParameters(dates);
  if (!concludedAt && !reviewedAt && !reReviewedAt) return;
  await manager.query(
    `UPDATE intake.petition SET concluded_at = COALESCE(concluded_at, $2),
       reviewed_at = COALESCE(reviewed_at, $3), re_reviewed_at = COALESCE(re_reviewed_at, $4)
     WHERE id = $1`,
    [petitionId, concludedAt, reviewedAt, reReviewedAt],
  );
}

/**
 * Sets the classification: `keepGiven` fills only what is still open, otherwise it replaces
 * what is there.
 */
export async function setClassification(
  manager: EntityManager,
  petitionId: string,
  classification: { nature: Nature; category: Category; keepGiven: boolean },
): Promise<void> {
  await manager.query(
    `UPDATE intake.petition
     SET nature = CASE WHEN $4 THEN COALESCE(nature, $2) ELSE $2 END,
         category = CASE WHEN $4 THEN COALESCE(category, $3) ELSE $3 END
     WHERE id = $1`,
    [petitionId, classification.nature, classification.category, classification.keepGiven],
  );
}

/** Moves the petition from `from` to `to`; a petition in another status stays as it is. */
export async function moveStatusFrom(
  manager: EntityManager,
  petitionId: string,
  from: PetitionStatus,
  to: PetitionStatus,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(Petition)
    .set({ status: to })
    .where('id = :id AND status = :from', { id: petitionId, from })
    .execute();
}
