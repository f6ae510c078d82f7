/**
 * Resident identity numbers (公民身份号码), GB 11643-1999: 6-digit area code, 8-digit birth date,
 * 3-digit sequence and a check character computed with ISO 7064 MOD 11-2. First-generation
 * cards (GB 11643-1989), which older people still carry, have 15 digits: a 2-digit year of the
 * 1900s and no check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The provinces' codes (the area code's first two digits), GB/T 2260. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export function idNumberCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17.charAt(i)), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export type IdNumberProblem = 'format' | 'area' | 'birth_date' | 'check_digit';

const isFirstGeneration = (value: string) => /^\d{15}$/.test(value);

/** A 15-digit number in its 18-character form (19 added to the year, check character appended). */
function upgraded(first15: string): string {
  const first17 = `${first15.slice(0, 6)}19${first15.slice(6)}`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

/**
 * Why an ID number is invalid, or null when it is valid. A 15-digit number has no check
 * character, so its province is checked instead; finer area codes are checked elsewhere.
 */
export function idNumberProblem(value: string): IdNumberProblem | null {
  if (isFirstGeneration(value)) {
    if (!PROVINCES.has(Number(value.slice(0, 2)))) return 'area';
    return birthDateValid(upgraded(value)) ? null : 'birth_date';
  }
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  if (!birthDateValid(value)) return 'birth_date';
  if (idNumberCheckChar(value.slice(0, 17)) !== value.charAt(17)) return 'check_digit';
  return null;
}

function birthDateValid(eighteen: string): boolean {
  const year = Number(eighteen.slice(6, 10));
  const month = Number(eighteen.slice(10, 12));
  const day = Number(eighteen.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day &&
    birth.getTime() <= Date.now()
  );
}

/**
 * The form an ID number is matched in: the 18-character number of a 15-digit one, so that one
 * person's old and new cards are the same person (repeat detection, hotspots). Expects a valid
 * number; others are returned as they are.
 */
export function idNumberForMatching(value: string): string {
  const written = value.trim().toUpperCase();
  return isFirstGeneration(written) ? upgraded(written) : written;
}
