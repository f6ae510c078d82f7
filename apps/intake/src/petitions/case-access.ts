import type { StaffUser } from '#common';

export interface AssignedUnit {
  unitCode: string;
  /** Codes of the unit's superiors, nearest first. */
  unitAncestors: string[];
}

/**
 * Who may read a case: admins; the staff of a unit the case is assigned to; supervisors of a unit
 * above one of those units.
 */
export function canSeeCase(staff: StaffUser, assignments: AssignedUnit[]): boolean {
  if (staff.roles.includes('admin')) return true;
  return assignments.some(
    (a) =>
      a.unitCode === staff.unitCode ||
      (staff.roles.includes('supervisor') && a.unitAncestors.includes(staff.unitCode)),
  );
}
