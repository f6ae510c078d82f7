import type { Queryable } from '../auth/staff-directory.repository.js';

/** The petition each notification is about (notify.case_notification_v1), by notification id. */
export async function petitionsOfNotifications(
  db: Queryable,
  notificationIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; petition_id: string }[]>(
    `SELECT id, petition_id FROM notify.case_notification_v1 WHERE id = ANY ($1::uuid[])`,
    [notificationIds],
  );
  return new Map(rows.map((row) => [row.id, row.petition_id]));
}

/**
 * Of the petitions, those assigned to one of the units or, when there is a territory, arisen
 * in it.
 */
export async function petitionsInScope(
  db: Queryable,
  petitionIds: readonly string[],
  scope: { unitCodes: readonly string[]; territory: string | null },
): Promise<Set<string>> {
  const rows = await db.query<{ petition_id: string }[]>(
    `SELECT petition_id FROM routing.case_assignment_v1
     WHERE petition_id = ANY ($1::uuid[]) AND unit_code = ANY ($2::text[])
     UNION
     SELECT id FROM intake.petition_for_routing_v1
     WHERE id = ANY ($1::uuid[]) AND $3::text IS NOT NULL AND division_code LIKE $3::text || '%'`,
    [petitionIds, scope.unitCodes, scope.territory],
  );
  return new Set(rows.map((row) => row.petition_id));
}
