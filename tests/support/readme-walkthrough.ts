import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/**
 * The shell blocks of a README section, in order, as one script: a newcomer pastes them one
 * after the other into one shell, so variables carry from block to block.
 */
export function walkthroughOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no section "## ${heading}"`);
  const rest = markdown.slice(start + heading.length + 5);
  const section = rest.slice(0, rest.search(/\n## /) >>> 0);
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  if (blocks.length === 0) throw new Error(`"## ${heading}" has no bash block`);
  return blocks.join('\n');
}

export interface WalkthroughRun {
  code: number | null;
  output: string;
}

/**
 * Runs a README section as written, against services on other ports than the documented ones
 * (the only change): every curl fails on an HTTP error and shows the answer, and every command
 * fails the run.
 */
export async function runWalkthrough(
  heading: string,
  ports: Record<'intake' | 'routing' | 'notify', string>,
  env: Record<string, string> = {},
): Promise<WalkthroughRun> {
  const documented = { intake: '3001', routing: '3002', notify: '3003' } as const;
  let script = walkthroughOf(readFileSync(README, 'utf8'), heading);
  for (const service of ['intake', 'routing', 'notify'] as const) {
    script = script.replaceAll(`localhost:${documented[service]}`, `localhost:${ports[service]}`);
  }
  const prelude = [
    'set -euo pipefail',
    'curl() { command curl --silent --show-error --fail-with-body "$@"; }',
    'set -x',
  ].join('\n');
  const child = spawn('bash', ['-c', `${prelude}\n${script}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, output };
}
