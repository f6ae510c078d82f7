import type { EntityManager } from 'typeorm';
import type { DivisionLevel } from './division.entity.js';

/** A division as the import writes it. */
export interface DivisionRow {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  fullName: string;
}

/**
 * Writes the divisions of an edition; returns how many rows were new and how many were written
 * at all. Rows are only rewritten when they differ, so a repeated import leaves no dead tuples;
 * xmax = 0 tells a new row from an updated one.
 */
export async function upsertDivisions(
  manager: EntityManager,
  rows: readonly DivisionRow[],
  edition: string,
): Promise<{ inserted: number; written: number }> {
  const [counts] = await manager.query<[{ inserted: number; written: number }]>(
    `WITH written AS (
       INSERT INTO intake.division AS d (code, name, level, parent_code, full_name, edition)
       SELECT t.*, $6::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS t (code, name, level, parent_code, full_name)
       ON CONFLICT (code) DO UPDATE SET
         name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
         full_name = excluded.full_name, edition = excluded.edition
       WHERE (d.name, d.level, d.parent_code, d.full_name, d.edition)
         IS DISTINCT FROM (excluded.name, excluded.level, excluded.parent_code,
                           excluded.full_name, excluded.edition)
       RETURNING xmax = 0 AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS written
     FROM written`,
    [
      rows.map((row) => row.code),
      rows.map((row) => row.name),
      rows.map((row) => row.level),
      rows.map((row) => row.parentCode),
      rows.map((row) => row.fullName),
      edition,
    ],
  );
  return counts;
}

/**
 * Records the edition loaded. imported_at is when the table last changed (`changed`), so an
 * import that wrote nothing keeps it.
 */
export async function recordDivisionEdition(
  manager: EntityManager,
  edition: { edition: string; source: string; rowCount: number; changed: boolean },
): Promise<void> {
  await manager.query(
    `INSERT INTO intake.division_edition AS e (edition, source, row_count, imported_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (edition) DO UPDATE SET
       source = excluded.source, row_count = excluded.row_count, imported_at = excluded.imported_at
     WHERE $4::boolean OR (e.source, e.row_count) IS DISTINCT FROM (excluded.source, excluded.row_count)`,
    [edition.edition, edition.source, edition.rowCount, edition.changed],
  );
}

/** A division as the registrar's picker lists it. */
export interface DivisionChild {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Whether divisions lie under it (a county may list no townships). */
  hasChildren: boolean;
}

/** The divisions directly under `parentCode` (the provinces when null), by code. */
export async function childDivisions(
  manager: EntityManager,
  parentCode: string | null,
): Promise<DivisionChild[]> {
  return manager.query<DivisionChild[]>(
    `SELECT d.code, d.name, d.level,
            EXISTS (SELECT 1 FROM intake.division c WHERE c.parent_code = d.code) AS "hasChildren"
     FROM intake.division d
     WHERE ${parentCode === null ? 'd.parent_code IS NULL' : 'd.parent_code = $1'}
     ORDER BY d.code`,
    parentCode === null ? [] : [parentCode],
  );
}
