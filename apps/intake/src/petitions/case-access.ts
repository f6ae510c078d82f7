import { territoryPrefix, type Role, type StaffUser, type UnitKind, type UnitLevel } from '#common';

export interface AssignedUnit {
  unitCode: string;
  /** Codes of the unit's superiors, nearest first. */
  unitAncestors: string[];
}

/** The units a case belongs to: the one that registered it (if staff did) and those it is assigned to. */
export interface CaseUnits {
  registeredByUnit: string | null;
  assignments: AssignedUnit[];
  /** Where the matter arose (6- or 9-digit division code). */
  division: string;
}

/** The caller's unit as the directory describes it. */
export interface StaffUnit {
  kind: UnitKind;
  level: UnitLevel;
  divisionCode: string;
}

/**
 * The division-code prefix a petition bureau answers for (its 属地): a county bureau its county,
 * the prefecture's bureau the whole prefecture. Other units have no territory of their own.
 */
export function bureauTerritory(unit: StaffUnit | null): string | null {
  return unit?.kind === 'PETITION_BUREAU' ? territoryPrefix(unit) : null;
}

/** Petition bureau roles that work every case of the territory, routed or not. */
export const TERRITORY_ROLES: readonly Role[] = ['registrar', 'dispatcher', 'supervisor'];
/** Roles whose work means contacting the petitioner. */
const CONTACT_ROLES: readonly Role[] = ['registrar', 'dispatcher', 'handler', 'unit_leader'];

/**
 * Who may read a case: admins; the staff of the unit that registered it or of a unit it is
 * assigned to; supervisors of a unit above an assigned unit; registrars, dispatchers and
 * supervisors of the petition bureau of its territory, also before it is routed.
 */
export function canSeeCase(
  staff: StaffUser,
  units: CaseUnits,
  territory: string | null = null,
): boolean {
  if (staff.roles.includes('admin') || belongsTo(staff, units)) return true;
  if (inTerritory(staff, units, territory)) return true;
  return (
    staff.roles.includes('supervisor') &&
    units.assignments.some((a) => a.unitAncestors.includes(staff.unitCode))
  );
}

/**
 * Who sees a petitioner's ID number, phone and address unmasked: staff of the registering or an
 * assigned unit whose role means contacting the petitioner. Supervisors, admins and the
 * territory's bureau (which reads every case of its territory) see them masked.
 */
export function canSeePersonalData(staff: StaffUser, units: CaseUnits): boolean {
  return staff.roles.some((role) => CONTACT_ROLES.includes(role)) && belongsTo(staff, units);
}

function inTerritory(staff: StaffUser, units: CaseUnits, territory: string | null): boolean {
  return (
    territory !== null &&
    units.division.startsWith(territory) &&
    staff.roles.some((role) => TERRITORY_ROLES.includes(role))
  );
}

function belongsTo(staff: StaffUser, units: CaseUnits): boolean {
  return (
    units.registeredByUnit === staff.unitCode ||
    units.assignments.some((a) => a.unitCode === staff.unitCode)
  );
}
