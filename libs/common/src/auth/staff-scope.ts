import type { Role } from '../contract/domain.js';
import { territoryPrefix } from '../contract/territory.js';
import { directoryUnit, unitCodesInScope, type Queryable } from './staff-directory.repository.js';
import type { StaffUser } from './staff-user.js';

export type { Queryable } from './staff-directory.repository.js';

/**
 * The part of the directory a member of staff sees and oversees. Admins see everything. A
 * supervisor sees their unit and every unit under it and, in a petition bureau, every unit of
 * its territory (属地). Registrars and dispatchers of a petition bureau work its territory.
 * Everyone else sees their own unit.
 */
export interface StaffScope {
  all: boolean;
  /** The codes of the units within the scope (empty when `all`). */
  unitCodes: string[];
  /** The division-code prefix of the petition bureau's territory, when the scope has one. */
  territory: string | null;
}

const TERRITORY_WORK: readonly Role[] = ['registrar', 'dispatcher', 'supervisor'];

/** The scope of a member of staff, read from routing.unit_directory_v1. */
export async function staffScope(db: Queryable, staff: StaffUser): Promise<StaffScope> {
  if (staff.roles.includes('admin')) return { all: true, unitCodes: [], territory: null };
  const unit = await directoryUnit(db, staff.unitCode);
  if (!unit) return { all: false, unitCodes: [], territory: null };
  const territory =
    unit.kind === 'PETITION_BUREAU' && staff.roles.some((r) => TERRITORY_WORK.includes(r))
      ? territoryPrefix({ level: unit.level, divisionCode: unit.division_code })
      : null;
  const below = staff.roles.includes('supervisor');
  const unitCodes = await unitCodesInScope(db, { code: unit.code, below, territory });
  return { all: false, unitCodes, territory };
}

/** Whether a unit (by code) lies within the scope. */
export const scopeHasUnit = (scope: StaffScope, unitCode: string) =>
  scope.all || scope.unitCodes.includes(unitCode);

/**
 * Whether a territory (a 6-digit county or prefecture division code, as duty rosters name
 * them) lies within the scope: only a petition bureau's scope has territory.
 */
export function scopeHasTerritory(scope: StaffScope, divisionCode: string): boolean {
  if (scope.all) return true;
  return scope.territory !== null && divisionCode.startsWith(scope.territory);
}
