import type { Role, StaffUser } from '#common';

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

/** Roles whose work means contacting the petitioner. */
const CONTACT_ROLES: readonly Role[] = ['registrar', 'dispatcher', 'handler', 'unit_leader'];

/**
 * Who sees a petitioner's ID number, phone and address unmasked: the staff of an assigned unit
 * whose role means contacting the petitioner. Supervisors and admins see them masked.
 */
export function canSeePersonalData(staff: StaffUser, assignments: AssignedUnit[]): boolean {
  return (
    staff.roles.some((role) => CONTACT_ROLES.includes(role)) &&
    assignments.some((a) => a.unitCode === staff.unitCode)
  );
}
