import type { Rule } from 'antd/es/form';
import type { I18n } from '../i18n/i18n';

/**
 * The online form's checks before it is sent, the same limits the API enforces
 * (apps/intake petition.schemas.ts); the API's answer stays the last word (check digits, codes).
 */
export const LIMITS = {
  title: 100,
  content: 10_000,
  address: 200,
  name: 50,
  personCount: 10_000,
  reviewReasonMin: 5,
  reviewReasonMax: 5000,
  commentMax: 2000,
} as const;

export const PATTERNS = {
  idNumber: /^(\d{17}[\dXx]|\d{15})$/,
  mobile: /^1[3-9]\d{9}$/,
  verificationCode: /^\d{6}$/,
  caseNo: /^XF-\d{6}-\d{8}-\d{6}$/,
} as const;

export function submissionRules({ t }: I18n) {
  const required: Rule = { required: true, whitespace: true, message: t('form.required') };
  const max = (n: number): Rule => ({ max: n, message: t('form.maxLength', { n }) });
  return {
    title: [required, max(LIMITS.title)],
    content: [required, max(LIMITS.content)],
    division: [{ required: true, message: t('form.required') }],
    address: [required, max(LIMITS.address)],
    personCount: [
      { required: true, message: t('form.required') },
      {
        type: 'integer',
        min: 1,
        max: LIMITS.personCount,
        message: t('form.range', { min: 1, max: LIMITS.personCount }),
      },
    ] satisfies Rule[],
    name: [required, max(LIMITS.name)],
    idNumber: [required, { pattern: PATTERNS.idNumber, message: t('form.idNumber') }],
    phone: [required, { pattern: PATTERNS.mobile, message: t('form.mobile') }],
    verificationCode: [{ pattern: PATTERNS.verificationCode, message: t('form.verificationCode') }],
  };
}

export function trackingRules({ t }: I18n) {
  return {
    caseNo: [
      { required: true, whitespace: true, message: t('form.required') },
      { pattern: PATTERNS.caseNo, message: t('form.caseNo') },
    ] satisfies Rule[],
    queryCode: [
      { required: true, whitespace: true, message: t('form.required') },
      { min: 6, max: 32, message: t('form.queryCode') },
    ] satisfies Rule[],
  };
}

export function reviewReasonRules({ t }: I18n): Rule[] {
  return [
    { required: true, whitespace: true, message: t('form.required') },
    {
      min: LIMITS.reviewReasonMin,
      max: LIMITS.reviewReasonMax,
      message: t('form.lengthBetween', {
        min: LIMITS.reviewReasonMin,
        max: LIMITS.reviewReasonMax,
      }),
    },
  ];
}
