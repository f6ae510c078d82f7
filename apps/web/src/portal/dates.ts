/** A date as the petitioner reads it (China time, as the API gives it), without the clock. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Date and minute, e.g. 2026-12-08 10:23 (the API's China time as written). */
export function minute(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}
