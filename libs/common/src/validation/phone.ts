import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A mainland China mobile number, returned in its 11-digit national form; null when invalid. */
export function normaliseMainlandMobile(value: string): string | null {
  const parsed = parsePhoneNumberFromString(value, 'CN');
  if (!parsed || parsed.country !== 'CN' || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.nationalNumber;
}
