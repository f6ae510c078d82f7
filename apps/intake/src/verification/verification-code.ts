import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** How long a code may be used, and how many wrong tries kill it. */
export const CODE_TTL_MS = 5 * 60_000;
export const MAX_FAILURES = 5;
/** At most one code a minute to one phone. */
export const CODE_INTERVAL_MS = 60_000;

/**
 * The one-time SMS code (短信验证码): six digits, stored only as an HMAC under a server key, so
 * the database does not hold a usable code.
 */
export class VerificationCodes {
  constructor(private readonly secret: string) {}

  generate(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  /** Bound to the verification, so one code's hash says nothing about another. */
  hash(verificationId: string, code: string): string {
    return createHmac('sha256', this.secret)
      .update(`sms-code:${verificationId}:${code}`)
      .digest('hex');
  }

  matches(verificationId: string, code: string, storedHash: string): boolean {
    const expected = Buffer.from(storedHash, 'hex');
    const actual = Buffer.from(this.hash(verificationId, code.trim()), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

export type CodeCheck = 'OK' | 'WRONG' | 'NONE';

/** A stored verification, as far as the rules need it. */
export interface StoredVerification {
  expiresAt: Date;
  failures: number;
  usedAt: Date | null;
}

/** Whether a verification can still take a try: unused, in time, fewer than MAX_FAILURES. */
export function usable(verification: StoredVerification | undefined, now: Date): boolean {
  return (
    verification !== undefined &&
    verification.usedAt === null &&
    verification.expiresAt > now &&
    verification.failures < MAX_FAILURES
  );
}
