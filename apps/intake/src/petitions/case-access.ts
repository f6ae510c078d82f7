import {
  barringAccusedUnit,
  oversees,
  territoryPrefix,
  type Role,
  type StaffUser,
  type UnitInChain,
  type UnitKind,
  type UnitLevel,
} from '#common';

/** Assignment states in which the unit still has the case (受理 pending or accepted). */
export const OPEN_STATUSES: readonly string[] = ['ASSIGNED', 'ACCEPTED'];

export interface AssignedUnit {
  unitCode: string;
  /** Codes of the unit's superiors, nearest first. */
  unitAncestors: string[];
  /** ASSIGNED or ACCEPTED (open); DECLINED, RETURNED, TRANSFERRED or CONCLUDED (ended). */
  status: string;
}

/** The units a case belongs to: the one that registered it (if staff did) and those it is assigned to. */
export interface CaseUnits {
  registeredByUnit: string | null;
  assignments: AssignedUnit[];
  /** Where the matter arose (6- or 9-digit division code). */
  division: string;
  /** The units the petition accuses or complains about, each with the units above it. */
  accused: readonly UnitInChain[];
}

/** The caller's unit as the directory describes it. */
export interface StaffUnit {
  kind: UnitKind;
  level: UnitLevel;
  divisionCode: string;
  /** The unit's superiors, nearest first. */
  ancestors: string[];
}

/**
 * How a petitioner is shown: FULL (ID number, phone and address as given), MASKED (ID number and
 * phone masked, no address), HIDDEN (the accuser, before the accused or those above them: the
 * name masked too, nothing of the ID number or phone).
 */
export type PersonalDataView = 'FULL' | 'MASKED' | 'HIDDEN';

/** What one member of staff may read of one case. */
export interface CaseAccess {
  /** FULL: the whole case; SUMMARY: only the unit's own part, after its assignment ended. */
  view: 'FULL' | 'SUMMARY';
  personalData: PersonalDataView;
  /**
   * The petition's text and its attachments (检举控告材料). Never for a unit the petition accuses
   * or a unit under it (信访工作条例 第四十六条), nor for a summary.
   */
  materials: boolean;
}

/**
 * The division-code prefix a petition bureau answers for (its 属地): a county bureau its county,
 * the prefecture's bureau the whole prefecture. Other units have no territory of their own.
 */
export function bureauTerritory(unit: Pick<StaffUnit, 'kind' | 'level' | 'divisionCode'> | null) {
  return unit?.kind === 'PETITION_BUREAU' ? territoryPrefix(unit) : null;
}

/** Petition bureau roles that work every case of the territory, routed or not. */
export const TERRITORY_ROLES: readonly Role[] = ['registrar', 'dispatcher', 'supervisor'];
/** Roles whose work means contacting the petitioner. */
const CONTACT_ROLES: readonly Role[] = ['registrar', 'dispatcher', 'handler', 'unit_leader'];

export const isOpenAssignment = (status: string) => OPEN_STATUSES.includes(status);

/**
 * Who may read a case at all: admins; the staff of the unit that registered it or of a unit it
 * is or was assigned to (once its assignment ended, a summary only: see caseAccess); supervisors
 * of a unit above an assigned unit; registrars, dispatchers and supervisors of the petition
 * bureau of its territory, also before it is routed.
 */
export function canSeeCase(
  staff: StaffUser,
  units: CaseUnits,
  territory: string | null = null,
): boolean {
  return seesWholeCase(staff, units, territory) || hadAssignment(staff, units);
}

/**
 * What the caller may read of a case, or null when it does not exist for them. `staffUnit` is
 * the caller's unit from the directory (its territory and its superiors).
 */
export function caseAccess(
  staff: StaffUser,
  units: CaseUnits,
  staffUnit: StaffUnit | null,
): CaseAccess | null {
  const whole = seesWholeCase(staff, units, bureauTerritory(staffUnit));
  if (!whole && !hadAssignment(staff, units)) return null;
  const ancestors = staffUnit?.ancestors ?? [];
  const view = whole ? 'FULL' : 'SUMMARY';
  return {
    view,
    personalData: accuserHidden(staff, units, ancestors)
      ? 'HIDDEN'
      : view === 'FULL' && canSeePersonalData(staff, units, ancestors)
        ? 'FULL'
        : 'MASKED',
    materials: view === 'FULL' && barredBy(staff, units, ancestors) === null,
  };
}

/**
 * A unit holds a case when it registered it or has an open assignment of it. Declined,
 * returned, transferred away or concluded, the assignment no longer counts.
 */
export function holdsCase(staff: Pick<StaffUser, 'unitCode'>, units: CaseUnits): boolean {
  return units.registeredByUnit === staff.unitCode || hasOpenAssignment(staff, units);
}

/**
 * Who sees a petitioner's ID number, phone and address unmasked: staff whose role means
 * contacting the petitioner, of a unit that holds the case and is neither accused by the
 * petition nor under an accused unit. Supervisors, admins, the territory's bureau and units whose
 * assignment ended see them masked.
 */
export function canSeePersonalData(
  staff: StaffUser,
  units: CaseUnits,
  staffAncestors: readonly string[],
): boolean {
  return (
    staff.roles.some((role) => CONTACT_ROLES.includes(role)) &&
    holdsCase(staff, units) &&
    barredBy(staff, units, staffAncestors) === null
  );
}

/**
 * Whether the accuser is hidden from the caller (name too): their unit is accused or under an
 * accused unit, or it is above an accused unit (its supervisors, the territory's bureau) and
 * does not itself handle the case through an open assignment.
 */
export function accuserHidden(
  staff: StaffUser,
  units: CaseUnits,
  staffAncestors: readonly string[],
): boolean {
  if (barredBy(staff, units, staffAncestors) !== null) return true;
  return oversees(staff.unitCode, units.accused) && !hasOpenAssignment(staff, units);
}

/** The accused unit that bars the caller's unit from the case's materials, or null. */
function barredBy(staff: StaffUser, units: CaseUnits, staffAncestors: readonly string[]) {
  return barringAccusedUnit(
    { code: staff.unitCode, ancestors: staffAncestors },
    units.accused.map((a) => a.code),
  );
}

function seesWholeCase(staff: StaffUser, units: CaseUnits, territory: string | null): boolean {
  if (staff.roles.includes('admin') || holdsCase(staff, units)) return true;
  if (inTerritory(staff, units, territory)) return true;
  return (
    staff.roles.includes('supervisor') &&
    units.assignments.some((a) => a.unitAncestors.includes(staff.unitCode))
  );
}

function inTerritory(staff: StaffUser, units: CaseUnits, territory: string | null): boolean {
  return (
    territory !== null &&
    units.division.startsWith(territory) &&
    staff.roles.some((role) => TERRITORY_ROLES.includes(role))
  );
}

function hasOpenAssignment(staff: Pick<StaffUser, 'unitCode'>, units: CaseUnits): boolean {
  return units.assignments.some((a) => a.unitCode === staff.unitCode && isOpenAssignment(a.status));
}

function hadAssignment(staff: StaffUser, units: CaseUnits): boolean {
  return units.assignments.some((a) => a.unitCode === staff.unitCode);
}
