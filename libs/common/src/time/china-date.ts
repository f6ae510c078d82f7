/** UTC+8 all year: China has had no summer time since 1991. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China calendar date of an instant, as YYYY-MM-DD: the day that case numbers and deadlines use. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
