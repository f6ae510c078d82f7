import type { EntityManager } from 'typeorm';

/** What happened to a case, as a service saw it (its schema's timeline_entry). */
export interface TimelineFact {
  petitionId: string;
  type: string;
  visibleToPetitioner: boolean;
  occurredAt?: Date;
  data?: Record<string, unknown>;
}

export async function insertTimelineEntry(
  manager: EntityManager,
  schema: string,
  entry: TimelineFact & { id: string },
): Promise<void> {
  await manager.query(
    `INSERT INTO "${schema}".timeline_entry
       (id, petition_id, occurred_at, type, visible_to_petitioner, data)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.id,
      entry.petitionId,
      entry.occurredAt ?? new Date(),
      entry.type,
      entry.visibleToPetitioner,
      JSON.stringify(entry.data ?? {}),
    ],
  );
}
