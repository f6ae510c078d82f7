import type { EntityManager } from 'typeorm';

/**
 * Locks the entities, in one order, until the commit: petitions about the same entity are linked
 * one at a time, so two registrations cannot each hold a neighbour the other needs.
 */
export async function lockHotspotEntities(
  manager: EntityManager,
  entities: readonly string[],
): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('intake.hotspot:' || entity, 0))
     FROM unnest($1::text[]) AS entity ORDER BY entity`,
    [entities],
  );
}

export async function insertHotspot(
  manager: EntityManager,
  hotspotId: string,
  entity: string | undefined,
): Promise<void> {
  await manager.query(`INSERT INTO intake.hotspot (id, entity, case_count) VALUES ($1, $2, 0)`, [
    hotspotId,
    entity,
  ]);
}

/** Moves the petitions into the hotspot, their rows locked in id order (the same in every transaction). */
export async function joinHotspot(
  manager: EntityManager,
  hotspotId: string,
  petitionIds: readonly string[],
): Promise<void> {
  await manager.query(
    `UPDATE intake.petition SET hotspot_id = $1 WHERE id IN
       (SELECT id FROM intake.petition WHERE id = ANY ($2) ORDER BY id FOR UPDATE)`,
    [hotspotId, petitionIds],
  );
}

/**
 * Counts what joins the hotspot: `members` moved into it and the new petition (whose row is
 * written later in the transaction). Returns its new count and when it was raised, if it was.
 */
export async function countJoining(
  manager: EntityManager,
  hotspotId: string,
  members: number,
): Promise<{ case_count: number; raised_at: Date | null } | undefined> {
  // Wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
  const [hotspot] = await manager.query<{ case_count: number; raised_at: Date | null }[]>(
    `WITH counted AS (
       UPDATE intake.hotspot SET case_count = case_count + $2 + 1
       WHERE id = $1 RETURNING case_count, raised_at)
     SELECT * FROM counted`,
    [hotspotId, members],
  );
  return hotspot;
}

export async function markHotspotRaised(manager: EntityManager, hotspotId: string): Promise<void> {
  await manager.query(`UPDATE intake.hotspot SET raised_at = now() WHERE id = $1`, [hotspotId]);
}

/** The ids of the petitions in the hotspot (rows written so far in this transaction included). */
export async function hotspotPetitionIds(
  manager: EntityManager,
  hotspotId: string,
): Promise<string[]> {
  const rows = await manager.query<{ id: string }[]>(
    `SELECT id FROM intake.petition WHERE hotspot_id = $1`,
    [hotspotId],
  );
  return rows.map((r) => r.id);
}
