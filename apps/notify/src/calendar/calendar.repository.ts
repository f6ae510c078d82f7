import type { EntityManager } from 'typeorm';
import type { SpecialDay } from './work-calendar.js';

/**
 * Taken by whoever counts a clock, until its transaction ends: a notice being loaded waits for
 * it, and it waits for the load, so no deadline is counted on a calendar the load replaces.
 */
export async function countingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext('notify.calendar_load'))`);
}

/** One load at a time, and none while a clock is being counted (countingLock). */
export async function loadingLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('notify.calendar_load'))`);
}

/** Every holiday and make-up day, and the years whose schedule is known. */
export async function readCalendar(
  manager: EntityManager,
): Promise<{ days: SpecialDay[]; years: number[] }> {
  // day::text, not the date itself: node-postgres would turn a date into a local-time Date.
  const [days, years] = await Promise.all([
    manager.query<SpecialDay[]>(
      `SELECT day::text AS day, kind, name FROM notify.calendar_day ORDER BY day`,
    ),
    manager.query<{ year: number }[]>(`SELECT year FROM notify.calendar_coverage`),
  ]);
  return { days, years: years.map((row) => row.year) };
}

/** Changes whenever a year is loaded or imported: whether a cached calendar is still current. */
export async function calendarVersion(manager: EntityManager): Promise<string> {
  const [{ version }] = await manager.query<[{ version: string }]>(
    `SELECT count(*) || '/' || COALESCE(max(imported_at)::text, '') AS version
     FROM notify.calendar_coverage`,
  );
  return version;
}

export interface Coverage {
  source: string;
  imported_at: Date;
  title: string | null;
}

/** Where a year's schedule came from; undefined while it is not covered. */
export async function coverageOf(
  manager: EntityManager,
  year: number,
): Promise<Coverage | undefined> {
  const [coverage] = await manager.query<Coverage[]>(
    `SELECT source, imported_at, title FROM notify.calendar_coverage WHERE year = $1`,
    [year],
  );
  return coverage;
}

/** Replaces a year's days with a notice's and marks the year covered by it. */
export async function replaceYear(
  manager: EntityManager,
  year: {
    year: number;
    days: SpecialDay[];
    source: string;
    title: string | null;
    loadedBy: string;
  },
): Promise<void> {
  await manager.query(
    `DELETE FROM notify.calendar_day WHERE day BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)`,
    [year.year],
  );
  await manager.query(
    `INSERT INTO notify.calendar_day (day, kind, name, source)
     SELECT t.day, t.kind, t.name, $4::text
     FROM unnest($1::date[], $2::text[], $3::text[]) AS t (day, kind, name)`,
    [
      year.days.map((d) => d.day),
      year.days.map((d) => d.kind),
      year.days.map((d) => d.name),
      year.source,
    ],
  );
  await manager.query(
    `INSERT INTO notify.calendar_coverage (year, source, imported_at, title, loaded_by)
     VALUES ($1, $2, now(), $3, $4)
     ON CONFLICT (year) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at,
       title = excluded.title, loaded_by = excluded.loaded_by`,
    [year.year, year.source, year.title, year.loadedBy],
  );
}

/** The years whose schedule came from the given source. */
export async function yearsFrom(manager: EntityManager, source: string): Promise<number[]> {
  const rows = await manager.query<{ year: number }[]>(
    `SELECT year FROM notify.calendar_coverage WHERE source = $1`,
    [source],
  );
  return rows.map((row) => row.year);
}

/**
 * Writes a package's days where they differ, leaving the rows of `keepSource` alone; returns how
 * many rows were inserted or changed.
 */
export async function mergePackageDays(
  manager: EntityManager,
  days: SpecialDay[],
  source: string,
  keepSource: string,
): Promise<number> {
  const [written] = await manager.query<[{ count: number }]>(
    `WITH written AS (
       INSERT INTO notify.calendar_day AS c (day, kind, name, source)
       SELECT t.day, t.kind, t.name, $4::text
       FROM unnest($1::date[], $2::text[], $3::text[]) AS t (day, kind, name)
       ON CONFLICT (day) DO UPDATE SET
         kind = excluded.kind, name = excluded.name, source = excluded.source
       WHERE c.source <> $5
         AND (c.kind, c.name, c.source) IS DISTINCT FROM (excluded.kind, excluded.name, excluded.source)
       RETURNING 1
     )
     SELECT count(*)::int AS count FROM written`,
    [days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name), source, keepSource],
  );
  return written.count;
}

/**
 * Removes the days of the years given that a package (its sources match `sourcePattern`) no
 * longer has; returns how many.
 */
export async function removeDroppedDays(
  manager: EntityManager,
  sourcePattern: string,
  years: number[],
  kept: string[],
): Promise<number> {
  // In a CTE, so the result is rows whatever the driver does with a bare DELETE.
  const [removed] = await manager.query<[{ count: number }]>(
    `WITH removed AS (
       DELETE FROM notify.calendar_day
       WHERE source LIKE $1 AND extract(year FROM day)::int = ANY($2::int[])
         AND day <> ALL($3::date[])
       RETURNING 1
     )
     SELECT count(*)::int AS count FROM removed`,
    [sourcePattern, years, kept],
  );
  return removed.count;
}

/**
 * Marks the years covered by a package, leaving those of `keepSource` alone; imported_at moves
 * when the source changes or `changed`.
 */
export async function coverPackageYears(
  manager: EntityManager,
  years: number[],
  source: string,
  keepSource: string,
  changed: boolean,
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.calendar_coverage AS cov (year, source, imported_at)
     SELECT year, $2::text, now() FROM unnest($1::int[]) AS year
     ON CONFLICT (year) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at
     WHERE cov.source <> $3 AND (cov.source <> excluded.source OR $4::boolean)`,
    [years, source, keepSource, changed],
  );
}

/** Replicas check next year's calendar one at a time. */
export async function watchLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('notify.calendar_watch'))`);
}

export async function isCovered(manager: EntityManager, year: number): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM notify.calendar_coverage WHERE year = $1`,
    [year],
  );
  return rows.length > 0;
}

/** When admins were last told that the year's notice is missing. */
export async function lastMissingNotice(
  manager: EntityManager,
  year: number,
): Promise<Date | null> {
  const [last] = await manager.query<{ at: Date }[]>(
    `SELECT noticed_at AS at FROM notify.calendar_watch WHERE year = $1`,
    [year],
  );
  return last?.at ?? null;
}

export async function recordMissingNotice(
  manager: EntityManager,
  year: number,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO notify.calendar_watch (year, noticed_at) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET noticed_at = excluded.noticed_at`,
    [year, at],
  );
}
