import { z } from 'zod';
import { CASE_NO_PATTERN } from '../contract/case-number.js';
import { UNIT_CODE_PATTERN } from '../contract/queues.js';
import { idNumberProblem } from './id-number.js';
import { normaliseMainlandMobile, normaliseMainlandPhone } from './phone.js';

/** A refinement's code and its message in both languages, as ZodValidationPipe reports them. */
export const bilingual = (code: string, zh: string, en: string) => ({ params: { code, zh, en } });

/** A mainland China mobile number, stored in its 11-digit national form. */
export const mainlandMobileSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const normalised = normaliseMainlandMobile(value);
    if (normalised) return normalised;
    ctx.addIssue({
      code: 'custom',
      ...bilingual(
        'phone_invalid',
        '请填写有效的中国大陆手机号码',
        'must be a valid mainland China mobile number',
      ),
    });
    return z.NEVER;
  });

/**
 * A mainland phone staff record: a mobile (11 digits) or a landline (`0825-2223344`, with an
 * extension `0825-2223344-801`), normalised; phoneKind() tells which.
 */
export const mainlandPhoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const normalised = normaliseMainlandPhone(value);
    if (normalised) return normalised;
    ctx.addIssue({
      code: 'custom',
      ...bilingual(
        'phone_invalid',
        '请填写有效的中国大陆手机号码或固定电话（区号-号码，可加分机号）',
        'must be a valid mainland China mobile or landline number (area code and number, optional extension)',
      ),
    });
    return z.NEVER;
  });

const ID_NUMBER_PROBLEMS = {
  format: [
    '身份证号码应为18位（最后一位可为X）或15位数字',
    'must be 18 characters (digits with an optional final X) or 15 digits',
  ],
  area: ['身份证号码的地址码无效', 'has an unknown area code'],
  birth_date: ['身份证号码中的出生日期无效', 'contains an invalid date of birth'],
  check_digit: ['身份证号码校验位不正确', 'has a wrong check digit (GB 11643)'],
} as const;

/**
 * A resident ID number as written: 18 characters, or 15 digits (first generation, GB 11643-1989).
 * Kept as written; idNumberForMatching() gives the 18-character form that matches it.
 */
export const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (!problem) return;
    const [zh, en] = ID_NUMBER_PROBLEMS[problem];
    ctx.addIssue({ code: 'custom', ...bilingual(`id_number_${problem}`, zh, `ID number ${en}`) });
  });

/**
 * A case number as intake gives it (`XF-510903-20261122-000001`), the same wherever a request
 * names one; a malformed one is a 400 `case_no_format`.
 */
export const caseNoSchema = z
  .string()
  .refine(
    (value) => CASE_NO_PATTERN.test(value),
    bilingual('case_no_format', '信访件编号格式不正确', 'malformed case number'),
  )
  .meta({ pattern: CASE_NO_PATTERN.source, examples: ['XF-510903-20261122-000001'] });

/**
 * A unit's code in the directory (`510903-ZJJ`), the same wherever a request names one: the job
 * contract's, so that every unit can travel in a job.
 */
export const unitCodeSchema = z
  .string()
  .refine(
    (value) => UNIT_CODE_PATTERN.test(value),
    bilingual(
      'unit_code_format',
      '单位代码应为2至64位大写字母、数字、下划线或连字符',
      'must be 2 to 64 capital letters, digits, underscores or hyphens',
    ),
  )
  .meta({ pattern: UNIT_CODE_PATTERN.source, examples: ['510903-ZJJ'] });
