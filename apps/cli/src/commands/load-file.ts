import { readFile } from 'node:fs/promises';
import {
  DirectoryFile,
  DirectoryFileSyntaxError,
} from '../../../routing/src/units/directory-file.js';
import { UsageError } from './user-create.js';

/**
 * Reads a YAML or JSON file an operator loads (a unit directory, a holiday notice): a file that
 * cannot be read is a usage error; one that does not parse comes back as its problems, by line.
 */
export async function readLoadFile(
  path: string,
): Promise<{ file: DirectoryFile } | { problems: string[] }> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  });
  try {
    return { file: DirectoryFile.parse(text) };
  } catch (error) {
    if (!(error instanceof DirectoryFileSyntaxError)) throw error;
    return { problems: error.problems.map(({ line, message }) => `line ${line}: ${message}`) };
  }
}

/** One problem of a loaded file as the operator reads it: where, which field, why, in both languages. */
export function problemAt(
  line: number,
  field: string,
  issue: { messages: { zh: string; en: string }; code: string },
): string {
  return `line ${line}: ${field}: ${issue.messages.zh} / ${issue.messages.en} (${issue.code})`;
}
