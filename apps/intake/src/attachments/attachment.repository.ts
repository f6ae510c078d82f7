import type { EntityManager } from 'typeorm';

/**
 * Serialises uploads to one petition until the commit, so concurrent ones cannot pass the limit
 * together.
 */
export async function lockPetitionAttachments(
  manager: EntityManager,
  petitionId: string,
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `intake.attachment:${petitionId}`,
  ]);
}
