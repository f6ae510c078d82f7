import type { AppConfig } from '#common';
import { routingData } from '../../../routing/src/database/routing-data.js';
import { DivisionCatalogue } from '../../../routing/src/units/division-catalogue.js';
import {
  InvalidUnitsError,
  UnitDirectory,
  type LoadResult,
} from '../../../routing/src/units/unit-directory.js';
import { UnitSchemas } from '../../../routing/src/units/unit-schema.js';
import { withDataSource } from '../service-data.js';
import { problemAt, readLoadFile } from './load-file.js';

export type UnitsLoadOutcome =
  { loaded: true; result: LoadResult } | { loaded: false; problems: string[] };

/**
 * Loads a unit directory file into routing.unit: every unit is checked first and every problem
 * reported with its line and field; only a file without problems is written, in one transaction.
 */
export async function unitsLoad(
  config: Pick<AppConfig, 'DATABASE_URL'>,
  path: string,
  options: { deactivateMissing: boolean },
): Promise<UnitsLoadOutcome> {
  const read = await readLoadFile(path);
  if ('problems' in read) return { loaded: false, problems: read.problems };
  const { file } = read;
  const schemas = new UnitSchemas(DivisionCatalogue.load());
  return withDataSource(config, routingData, async (dataSource) => {
    try {
      const result = await new UnitDirectory(dataSource, schemas).load(file.content(), options);
      return { loaded: true, result };
    } catch (error) {
      if (!(error instanceof InvalidUnitsError)) throw error;
      const located = error.issues.map((issue) => ({ line: file.lineOf(issue.path), issue }));
      return {
        loaded: false,
        problems: located
          .sort((a, b) => a.line - b.line)
          .map(({ line, issue }) => problemAt(line, issue.field, issue)),
      };
    }
  });
}
