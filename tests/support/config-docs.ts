import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { renderConfigReference } from '#common';

export const OPERATIONS_DOC = fileURLToPath(
  new URL('../../../docs/operations.md', import.meta.url),
);
const START = '<!-- config:start (npm run docs:config) -->';
const END = '<!-- config:end -->';

/** docs/operations.md with its configuration table generated anew from the config schema. */
export async function operationsDocWithConfig(): Promise<{ current: string; generated: string }> {
  const current = readFileSync(OPERATIONS_DOC, 'utf8');
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/operations.md lacks ${START} … ${END}`);
  const replaced = `${current.slice(0, start + START.length)}\n\n${renderConfigReference()}\n\n${current.slice(end)}`;
  const options = { ...(await resolveConfig(OPERATIONS_DOC)), filepath: OPERATIONS_DOC };
  return { current, generated: await format(replaced, options) };
}
