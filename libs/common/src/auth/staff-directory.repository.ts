import type { DataSource, EntityManager } from 'typeorm';
import type { UnitKind, UnitLevel } from '../contract/domain.js';

/** Anything that runs SQL: an EntityManager, a DataSource, a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'>;

/** A unit as routing.unit_directory_v1 lists it. */
export interface DirectoryUnit {
  code: string;
  kind: UnitKind;
  level: UnitLevel;
  division_code: string;
}

/** A staff account's version and whether it is active (routing.staff_directory_v1). */
export async function accountState(
  dataSource: DataSource,
  id: string,
): Promise<{ version: number; active: boolean } | undefined> {
  const [row] = await dataSource.query<{ version: number; active: boolean }[]>(
    `SELECT version, active FROM routing.staff_directory_v1 WHERE id = $1`,
    [id],
  );
  return row;
}

export async function directoryUnit(
  db: Queryable,
  code: string,
): Promise<DirectoryUnit | undefined> {
  const [unit] = await db.query<DirectoryUnit[]>(
    `SELECT code, kind, level, division_code FROM routing.unit_directory_v1 WHERE code = $1`,
    [code],
  );
  return unit;
}

/**
 * The codes of the unit, of every unit under it when `below`, and of every unit whose division
 * code starts with `territory` when there is one, in code order.
 */
export async function unitCodesInScope(
  db: Queryable,
  scope: { code: string; below: boolean; territory: string | null },
): Promise<string[]> {
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
    [scope.code, scope.below, scope.territory],
  );
  return rows.map((r) => r.code);
}
