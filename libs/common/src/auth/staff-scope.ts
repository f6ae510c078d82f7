import type { EntityManager } from 'typeorm';
import type { Role, UnitKind, UnitLevel } from '../contract/domain.js';
import { territoryPrefix } from '../contract/territory.js';
import type { StaffUser } from './staff-user.js';

/** Anything that runs SQL: an EntityManager, a DataSource, a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

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

interface DirectoryUnit {
  code: string;
  kind: UnitKind;
  level: UnitLevel;
  division_code: string;
}

const TERRITORY_WORK: readonly Role[] = ['registrar', 'dispatcher', 'supervisor'];

/** The scope of a member of staff, read from routing.unit_directory_v1. */
export async function staffScope(db: Queryable, staff: StaffUser): Promise<StaffScope> {
  if (staff.roles.includes('admin')) return { all: true, unitCodes: [], territory: null };
  const [unit] = await db.query<DirectoryUnit[]>(
    `SELECT code, kind, level, division_code FROM routing.unit_directory_v1 WHERE code = $1`,
    [staff.unitCode],
  );
  if (!unit) return { all: false, unitCodes: [], territory: null };
  const territory =
    unit.kind === 'PETITION_BUREAU' && staff.roles.some((r) => TERRITORY_WORK.includes(r))
      ? territoryPrefix({ level: unit.level, divisionCode: unit.division_code })
      : null;
  const below = staff.roles.includes('supervisor');
  const rows = await db.query<{ code: string }[]>(
    `WITH RECURSIVE below (code) AS (
       SELECT $1::text
       UNION
       SELECT u.code FROM routing.unit_directory_v1 u JOIN below b ON u.superior_code = b.code
       WHERE $2
     )
     SELECT code FROM below
     UNION
     SELECT code FROM routing.unit_directory_v1
     WHERE $3::text IS NOT NULL AND division_code LIKE $3::text || '%'
     ORDER BY code`,
    [unit.code, below, territory],
  );
  return { all: false, unitCodes: rows.map((r) => r.code), territory };
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
