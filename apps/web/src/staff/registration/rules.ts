import type { Rule } from 'antd/es/form';
import {
  idNumberProblem,
  type IdNumberProblem,
} from '../../../../../libs/common/src/validation/id-number';
import type { I18n, MessageKey } from '../../i18n/i18n';
import { submissionRules } from '../../portal/rules';
import type { RegistrationChannel, StaffRegistration } from './types';

/**
 * The registrar's checks before sending, mirroring intake's staffRegistrationSchema: ID numbers
 * by the same rule module as the API (GB 11643, 15 or 18 characters), phones by shape (a mobile
 * or a landline with area code); the API's answer stays the last word.
 */
export const STAFF_LIMITS = { petitioners: 5, sourceBody: 100, referenceNo: 64 } as const;

/**
 * How many days back a petition may be dated: the API takes 90 days back from the moment it is
 * sent, so the earliest whole day that is always within them is 89 days back.
 */
export const MAX_DAYS_BACK = 89;

const DAY_MS = 86_400_000;

/** The date in China `daysBack` days before `at` (YYYY-MM-DD). */
export function chinaDate(at: Date, daysBack = 0): string {
  return new Date(at.getTime() + 8 * 3_600_000 - daysBack * DAY_MS).toISOString().slice(0, 10);
}

/** The picked place must reach county level (province › prefecture › county at least). */
export const MIN_PLACE_DEPTH = 3;

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
// Area code and number, optionally an extension (-801, 转801, 分机801, #801, ext 801).
const LANDLINE = /^\(?0\d{2,3}\)?-?\d{7,8}(?:(?:-|转|分机|#|ext\.?|x)\d{1,6})?$/i;

const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, MessageKey> = {
  format: 'registration.idNumber.format',
  area: 'registration.idNumber.area',
  birth_date: 'registration.idNumber.birthDate',
  check_digit: 'registration.idNumber.checkDigit',
};

/** What is wrong with an ID number as written, or null (an empty one is allowed). */
export function idNumberMessage(value: string | undefined): MessageKey | null {
  const written = value?.trim().toUpperCase() ?? '';
  if (written === '') return null;
  const problem = idNumberProblem(written);
  return problem && ID_PROBLEM_MESSAGES[problem];
}

/** Full-width digits and punctuation (Chinese input methods) as ASCII, spaces dropped. */
function halfWidth(value: string): string {
  return value
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, '');
}

/** Whether a phone looks like a mainland mobile or landline (an empty one is allowed). */
export function phoneLooksValid(value: string | undefined): boolean {
  const written = halfWidth(value ?? '');
  return written === '' || MOBILE.test(written) || LANDLINE.test(written);
}

const check =
  (valid: (value: string | undefined) => string | null) =>
  (_: unknown, value: string | undefined) => {
    const message = valid(value);
    return message === null ? Promise.resolve() : Promise.reject(new Error(message));
  };

export function registrationRules(i18n: I18n) {
  const { t } = i18n;
  const portal = submissionRules(i18n);
  const required: Rule = { required: true, whitespace: true, message: t('form.required') };
  const max = (n: number): Rule => ({ max: n, message: t('form.maxLength', { n }) });
  return {
    channel: [{ required: true, message: t('form.required') }] satisfies Rule[],
    title: portal.title,
    content: portal.content,
    place: [
      { required: true, message: t('form.required') },
      {
        validator: check((path) =>
          path === undefined || path.length >= MIN_PLACE_DEPTH
            ? null
            : t('registration.placeTooCoarse'),
        ),
      },
    ] satisfies Rule[],
    address: portal.address,
    personCount: portal.personCount,
    name: portal.name,
    idNumber: [
      {
        validator: check((value) => {
          const key = idNumberMessage(value);
          return key && t(key);
        }),
      },
    ] satisfies Rule[],
    phone: [
      { validator: check((value) => (phoneLooksValid(value) ? null : t('registration.phone'))) },
    ] satisfies Rule[],
    receivedOn: [
      { required: true, message: t('form.required') },
      {
        validator: check((date) => {
          const now = new Date();
          return date === undefined ||
            (date >= chinaDate(now, MAX_DAYS_BACK) && date <= chinaDate(now))
            ? null
            : t('registration.receivedOnRange', { days: MAX_DAYS_BACK });
        }),
      },
    ] satisfies Rule[],
    sourceBody: [required, max(STAFF_LIMITS.sourceBody)],
    referenceNo: [required, max(STAFF_LIMITS.referenceNo)],
  };
}

/** The form as the registrar fills it. */
export interface RegistrationValues {
  channel: RegistrationChannel;
  /** The day the letter, call or visit came (YYYY-MM-DD, China). */
  receivedOn: string;
  title: string;
  content: string;
  /** Codes from province down, as the division picker gives them. */
  place?: string[];
  address: string;
  personCount: number;
  petitioners: { name: string; idNumber?: string; phone?: string; address?: string }[];
  transfer?: { sourceBody: string; referenceNo: string };
}

const given = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * The API's body: trimmed, the empty optional fields left out, the transfer only when due. A
 * petition that came today is dated by the API (now); an earlier one at the start of its day.
 */
export function toRegistration(
  values: RegistrationValues,
  today = chinaDate(new Date()),
): StaffRegistration {
  return {
    channel: values.channel,
    ...(values.receivedOn !== today && { receivedAt: `${values.receivedOn}T00:00:00+08:00` }),
    title: values.title.trim(),
    content: values.content.trim(),
    divisionCode: values.place?.at(-1) ?? '',
    address: values.address.trim(),
    personCount: values.personCount,
    petitioners: values.petitioners.map((p) => {
      const idNumber = given(p.idNumber)?.toUpperCase();
      const phone = given(p.phone);
      const address = given(p.address);
      return {
        name: p.name.trim(),
        ...(idNumber && { idNumber }),
        ...(phone && { phone }),
        ...(address && { address }),
      };
    }),
    ...(values.channel === 'TRANSFERRED' &&
      values.transfer && {
        transfer: {
          sourceBody: values.transfer.sourceBody.trim(),
          referenceNo: values.transfer.referenceNo.trim(),
        },
      }),
  };
}

/** An API field (`divisionCode`, `petitioners[1].phone`) as the form's field name. */
export function formFieldOf(name: (string | number)[]): (string | number)[] {
  return name[0] === 'divisionCode' ? ['place'] : name;
}
