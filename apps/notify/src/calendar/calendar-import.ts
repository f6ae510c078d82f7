import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  coverPackageYears,
  mergePackageDays,
  removeDroppedDays,
  yearsFrom,
} from './calendar.repository.js';
import type { SpecialDay } from './work-calendar.js';

/** Rows an administrator entered (next year's State Council schedule, a correction). */
export const ADMIN_SOURCE = 'admin';
const PACKAGE = 'chinese-days';

const localRequire = createRequire(import.meta.url);

/** One file per year, `dist/years/2026.json`: {holidays, workdays, inLieuDays}. */
interface PackageYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// Values read "Spring Festival,春节,4": English name, Chinese name, holiday number.
function chineseName(value: string, day: string): string {
  const name = value.split(',').at(-2)?.trim();
  if (!name) throw new Error(`${PACKAGE}: no holiday name for ${day} in "${value}"`);
  return name;
}

async function readJson<T>(file: string): Promise<T> {
  // Read rather than require(), so the parsed data is not kept in the module cache.
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** The holidays and make-up working days of every year the installed chinese-days covers. */
export async function readPackageCalendar(): Promise<{
  source: string;
  years: number[];
  days: SpecialDay[];
}> {
  const packageFile = localRequire.resolve(`${PACKAGE}/package.json`);
  const { version } = await readJson<{ version: string }>(packageFile);
  const yearsDir = join(dirname(packageFile), 'dist', 'years');
  // A year is covered when the package has its file: the file holds that year's whole schedule.
  const years = (await readdir(yearsDir))
    .filter((file) => /^\d{4}\.json$/.test(file))
    .map((file) => Number(file.slice(0, 4)))
    .sort((a, b) => a - b);
  if (years.length === 0) throw new Error(`${PACKAGE}@${version} has no years in ${yearsDir}`);

  const days: SpecialDay[] = [];
  for (const year of years) {
    const data = await readJson<PackageYear>(join(yearsDir, `${year}.json`));
    const entries: [Record<string, string>, SpecialDay['kind']][] = [
      [data.holidays, 'HOLIDAY'],
      [data.workdays, 'WORKDAY'],
    ];
    for (const [list, kind] of entries) {
      for (const [day, value] of Object.entries(list)) {
        // Coverage is per year, so a year's file must hold only that year's days.
        if (!day.startsWith(`${year}-`)) {
          throw new Error(`${PACKAGE}: ${day} is in the file of ${year}`);
        }
        days.push({ day, kind, name: chineseName(value, day) });
      }
    }
  }
  return { source: `${PACKAGE}@${version}`, years, days };
}

/**
 * Loads the package's holidays and make-up working days into notify.calendar_day and records
 * each year as covered, in one transaction. Run by the CLI after the migrations. Idempotent:
 * rows are only written when they differ, and rows an administrator entered are never touched.
 * Rows from an earlier package version that the package no longer has (a corrected schedule)
 * are removed. A year loaded from a notice (calendar:load, PUT /api/v1/calendar/{year}) is left
 * as loaded. `days` counts the calendar_day rows inserted, changed or removed.
 */
export async function importHolidays(
  manager: EntityManager,
): Promise<{ years: number[]; days: number }> {
  const { source, years, days: packageDays } = await readPackageCalendar();
  return manager.transaction(async (tx) => {
    // A year whose notice an admin loaded is theirs whole: the package adds no day to it.
    const loaded = new Set(await yearsFrom(tx, ADMIN_SOURCE));
    const days = packageDays.filter((d) => !loaded.has(Number(d.day.slice(0, 4))));
    const written = await mergePackageDays(tx, days, source, ADMIN_SOURCE);
    const removed = await removeDroppedDays(
      tx,
      `${PACKAGE}@%`,
      years,
      days.map((d) => d.day),
    );
    const changed = written + removed;
    // A year an administrator vouched for stays theirs; imported_at is when the year last changed.
    await coverPackageYears(tx, years, source, ADMIN_SOURCE, changed > 0);
    return { years, days: changed };
  });
}
