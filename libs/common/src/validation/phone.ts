import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A mainland China mobile number, returned in its 11-digit national form; null when invalid. */
export function normaliseMainlandMobile(value: string): string | null {
  const parsed = parsePhoneNumberFromString(value, 'CN');
  if (!parsed || parsed.country !== 'CN' || !parsed.isValid()) return null;
  const type = parsed.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return null;
  return parsed.nationalNumber;
}

export type PhoneKind = 'mobile' | 'landline';

// People write extensions as 转801, 分机801, ext 801, x801, #801, or a third hyphenated group.
const WORDED_EXTENSION = /^(.+?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const HYPHENATED_EXTENSION = /^(\(?0\d{2,3}\)?\s*-?\s*\d{7,8})\s*-\s*(\d{1,6})$/;

/** Full-width digits, brackets and hyphens (what Chinese input methods type) as ASCII. */
function halfWidth(value: string): string {
  return value
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[－—–]/g, '-');
}

/**
 * A mainland China landline (固定电话): area code and number, optionally an extension, returned
 * as `0825-2223344` or `0825-2223344-801`; null when invalid.
 */
export function normaliseMainlandLandline(value: string): string | null {
  const written = halfWidth(value.trim());
  const match = WORDED_EXTENSION.exec(written) ?? HYPHENATED_EXTENSION.exec(written);
  const [main, extension] = match ? [match[1] ?? '', match[2]] : [written, undefined];
  const parsed = parsePhoneNumberFromString(main, 'CN');
  if (!parsed || parsed.country !== 'CN' || !parsed.isValid()) return null;
  if (parsed.getType() !== 'FIXED_LINE') return null;
  // The national format separates the area code (0825 222 3344, 010 1234 5678).
  const [area = '', ...rest] = parsed.formatNational().split(' ');
  const ext = extension ?? parsed.ext;
  return `${area}-${rest.join('')}${ext ? `-${ext}` : ''}`;
}

/** A mobile or a landline, normalised (see above); null when it is neither. */
export function normaliseMainlandPhone(value: string): string | null {
  return normaliseMainlandMobile(value) ?? normaliseMainlandLandline(value);
}

/** What a normalised phone is: only a mobile can take an SMS. */
export function phoneKind(normalised: string): PhoneKind {
  return /^1\d{10}$/.test(normalised) ? 'mobile' : 'landline';
}
