import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

/**
 * Waits for asynchronous work (jobs, relays) to reach a state. The limit only keeps a broken
 * run from hanging; it asserts nothing about speed.
 */
export async function eventually<T>(
  check: () => Promise<T | false | undefined> | T | false | undefined,
  what: string,
  limitMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await check();
      if (result !== false && result !== undefined) return result;
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message.includes('exited early')) throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `gave up waiting for ${what}${lastError ? `: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}` : ''}`,
      );
    }
    await sleep(100);
  }
}

/** Waits until `sql` finds a row: what another service's job writes has been written. */
export async function eventuallyFound(
  db: pg.Pool,
  sql: string,
  params: unknown[],
  what: string,
): Promise<void> {
  await eventually(async () => (await db.query(sql, params)).rows.length > 0, what);
}
