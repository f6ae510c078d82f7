import { z } from 'zod';
import { idNumberProblem, normaliseMainlandMobile } from '#common';

const bilingual = (code: string, zh: string, en: string) => ({ params: { code, zh, en } });

// zod passes `params` on to the issue only for refinements, hence refine() over regex().
const matching = (pattern: RegExp, params: ReturnType<typeof bilingual>) =>
  z.string().refine((value) => pattern.test(value), params);

const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (!problem) return;
    const reasons = {
      format: [
        '身份证号码应为18位，最后一位可为X',
        'must be 18 characters, digits with an optional final X',
      ],
      birth_date: ['身份证号码中的出生日期无效', 'contains an invalid date of birth'],
      check_digit: ['身份证号码校验位不正确', 'has a wrong check digit (GB 11643)'],
    } as const;
    const [zh, en] = reasons[problem];
    ctx.addIssue({ code: 'custom', ...bilingual(`id_number_${problem}`, zh, `ID number ${en}`) });
  });

const mobile = z
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

const text = (max: number) => z.string().trim().min(1).max(max);

export const petitionerSchema = z.strictObject({
  name: text(50),
  idNumber,
  phone: mobile,
  address: text(200).optional(),
});

/** The public form (网上信访). */
export const publicSubmissionSchema = z.strictObject({
  title: text(100),
  content: text(10_000),
  divisionCode: matching(
    /^\d{6}(\d{3})?$/,
    bilingual(
      'division_code_format',
      '行政区划代码应为6位（县级）或9位（乡镇街道）数字',
      'must be a 6-digit county or 9-digit township code',
    ),
  ),
  address: text(200),
  personCount: z.number().int().min(1).max(10_000),
  petitioners: z.array(petitionerSchema).min(1).max(5),
});

export type PublicSubmission = z.infer<typeof publicSubmissionSchema>;

export const queryCodeSchema = z.strictObject({
  queryCode: z.string().trim().min(6).max(32),
});

export const caseNoSchema = matching(
  /^XF-\d{6}-\d{8}-\d{6}$/,
  bilingual('case_no_format', '信访件编号格式不正确', 'malformed case number'),
);
