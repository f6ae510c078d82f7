/**
 * Resident identity numbers (公民身份号码), GB 11643-1999: 6-digit area code, 8-digit birth date,
 * 3-digit sequence and a check character computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first17.charAt(i)), 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** Why an ID number is invalid, or null when it is valid. Area codes are checked elsewhere. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > Date.now()
  ) {
    return 'birth_date';
  }
  if (idNumberCheckChar(value.slice(0, 17)) !== value.charAt(17)) return 'check_digit';
  return null;
}
