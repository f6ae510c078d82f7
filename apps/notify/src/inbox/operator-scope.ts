import type { StaffScope } from '#common';

/**
 * SQL condition: the notification `n` lies within a supervisor's scope, given as two query
 * parameters (the scope's unit codes, text[], and its territory prefix, text or null).
 * A unit's notice belongs to that unit; a duty page to the roster (unit or territory) it was
 * paged from; a petitioner's message to the units the petition is assigned to and, for a
 * petition bureau, to its territory where the petition arose.
 */
export function notificationInScope(units: string, territory: string): string {
  return `(
    (n.recipient_kind = 'UNIT' AND n.recipient = ANY (${units}::text[]))
    OR (n.recipient_kind = 'DUTY' AND EXISTS (
      SELECT 1 FROM notify.urgent_alert ua WHERE ua.id = n.urgent_alert_id
        AND (ua.scope = ANY (${units}::text[])
             OR (${territory}::text IS NOT NULL AND ua.scope ~ '^[0-9]{6}$'
                 AND ua.scope LIKE ${territory}::text || '%'))))
    OR (n.recipient_kind = 'PETITIONER' AND (
      EXISTS (SELECT 1 FROM routing.case_assignment_v1 ca
              WHERE ca.petition_id = n.petition_id AND ca.unit_code = ANY (${units}::text[]))
      OR (${territory}::text IS NOT NULL AND EXISTS (
        SELECT 1 FROM intake.petition_for_routing_v1 p
        WHERE p.id = n.petition_id AND p.division_code LIKE ${territory}::text || '%')))))`;
}

/** The two parameters of notificationInScope. */
export const scopeParameters = (scope: StaffScope) => [scope.unitCodes, scope.territory];
