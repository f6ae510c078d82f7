import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The grace period of a shutdown, shared by everything that waits for in-flight work: HTTP
 * requests first, then jobs. Past it, work still running is abandoned; nothing acknowledged is
 * lost by that, because a request that did not answer acknowledged nothing and a job whose
 * transaction did not commit is delivered again (its lock lapses and another worker takes it).
 */
let deadline: number | undefined;

export function startShutdownClock(graceMs: number): void {
  deadline ??= Date.now() + graceMs;
}

/** What is left of the grace period; the whole of it when no shutdown clock runs (tests). */
export function remainingGraceMs(graceMs: number): number {
  return deadline === undefined ? graceMs : Math.max(0, deadline - Date.now());
}

/** Resolves true when the work finished within ms, false when the time ran out first. */
export async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  try {
    return await Promise.race([work.then(() => true), sleep(ms, false, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

/** Stops accepting connections and waits for the requests in progress (idle ones are closed). */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeIdleConnections();
  });
}
