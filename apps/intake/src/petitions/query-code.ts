import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 10; // 10 × 5 bits = 50 bits of entropy

/**
 * The petitioner's query code (查询码): given once on the receipt, stored only as a keyed hash,
 * so neither the database nor its backups can be used to read cases.
 */
export class QueryCodes {
  constructor(private readonly secret: string) {}

  generate(): string {
    let code = '';
    for (let i = 0; i < LENGTH; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length));
    return code;
  }

  hash(code: string): string {
    return createHmac('sha256', this.secret).update(normalise(code)).digest('hex');
  }

  matches(code: string, storedHash: string): boolean {
    const expected = Buffer.from(storedHash, 'hex');
    const actual = Buffer.from(this.hash(code), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

/** Petitioners type codes by hand: ignore case, spaces and dashes, read O as 0 and I/L as 1. */
function normalise(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replace(/[IL]/g, '1');
}
