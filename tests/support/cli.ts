import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TestEnvironment } from './environment.js';

const main = fileURLToPath(new URL('../../apps/cli/src/main.js', import.meta.url));

/** `npm run cli -- <args>` against the test's database, as an operator would run it in `cwd`. */
export async function cliIn(cwd: string, env: TestEnvironment, args: string[]) {
  const child = spawn(process.execPath, [main, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env.env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

/** `npm run cli -- <args>` against the test's database, from a directory of no project. */
export const cli = (env: TestEnvironment, ...args: string[]) => cliIn(tmpdir(), env, args);
