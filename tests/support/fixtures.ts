import { readFileSync } from 'node:fs';

/** The records of a JSON Lines fixture file (../shared/fixtures/*.jsonl), blank lines skipped. */
export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
