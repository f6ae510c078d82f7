import { readFile } from 'node:fs/promises';
import type { AppConfig } from '#common';
import { routingData } from '../../../routing/src/database/routing-data.js';
import {
  DirectoryFile,
  DirectoryFileSyntaxError,
} from '../../../routing/src/units/directory-file.js';
import { DivisionCatalogue } from '../../../routing/src/units/division-catalogue.js';
import {
  InvalidUnitsError,
  UnitDirectory,
  type LoadResult,
} from '../../../routing/src/units/unit-directory.js';
import { UnitSchemas } from '../../../routing/src/units/unit-schema.js';
import { withDataSource } from '../service-data.js';
import { UsageError } from './user-create.js';

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
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  });
  let file: DirectoryFile;
  try {
    file = DirectoryFile.parse(text);
  } catch (error) {
    if (!(error instanceof DirectoryFileSyntaxError)) throw error;
    return {
      loaded: false,
      problems: error.problems.map(({ line, message }) => `line ${line}: ${message}`),
    };
  }
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
          .map(
            ({ line, issue }) =>
              `line ${line}: ${issue.field}: ${issue.messages.zh} / ${issue.messages.en} (${issue.code})`,
          ),
      };
    }
  });
}
