import type { Role, StaffUser } from '#common';

export interface AssignedUnit {
  unitCode: string;
  /** Codes of the unit's superiors, nearest first. */
  unitAncestors: string[];
}

/** The units a case belongs to: the one that registered it (if staff did) and those it is assigned to. */
export interface CaseUnits {
  registeredByUnit: string | null;
  assignments: AssignedUnit[];
}

/**
 * Who may read a case: admins; the staff of the unit that registered it or of a unit it is
 * assigned to; supervisors of a unit above an assigned unit.
 */
export function canSeeCase(staff: StaffUser, units: CaseUnits): boolean {
  if (staff.roles.includes('admin') || belongsTo(staff, units)) return true;
  return (
    staff.roles.includes('supervisor') &&
    units.assignments.some((a) => a.unitAncestors.includes(staff.unitCode))
  );
}

/** Roles whose work means contacting the petitioner. */
const CONTACT_ROLES: readonly Role[] = ['registrar', 'dispatcher', 'handler', 'unit_leader'];

/**
 * Who sees a petitioner's ID number, phone and address unmasked: staff of the registering or an
 * assigned unit whose role means contacting the petitioner. Supervisors and admins see them masked.
 */
export function canSeePersonalData(staff: StaffUser, units: CaseUnits): boolean {
  return staff.roles.some((role) => CONTACT_ROLES.includes(role)) && belongsTo(staff, units);
}

function belongsTo(staff: StaffUser, units: CaseUnits): boolean {
  return (
    units.registeredByUnit === staff.unitCode ||
    units.assignments.some((a) => a.unitCode === staff.unitCode)
  );
}
