import { z } from 'zod';
import { bilingual, Categories, idNumberProblem, mainlandMobileSchema, Natures } from '#common';

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

const mobile = mainlandMobileSchema;

const text = (max: number) => z.string().trim().min(1).max(max);

export const petitionerSchema = z.strictObject({
  name: text(50),
  idNumber,
  phone: mobile,
  address: text(200).optional(),
});

const matter = {
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
};

/** Only an accusation (检举控告) may be anonymous. */
function requirePetitionerUnlessAccusation(
  value: { petitioners: unknown[]; nature?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.petitioners.length === 0 && value.nature !== 'ACCUSATION') {
    ctx.addIssue({
      code: 'custom',
      path: ['petitioners'],
      ...bilingual(
        'petitioner_required',
        '除匿名检举控告外，须至少登记一名信访人',
        'needs at least one petitioner, unless it is an anonymous accusation',
      ),
    });
  }
}

/** The public form (网上信访). The petitioner may say it is an accusation, which may be anonymous. */
export const publicSubmissionSchema = z
  .strictObject({
    ...matter,
    nature: z.enum(Natures).optional(),
    petitioners: z.array(petitionerSchema).max(5),
  })
  .superRefine(requirePetitionerUnlessAccusation);

export type PublicSubmission = z.infer<typeof publicSubmissionSchema>;

const DAY_MS = 86_400_000;
/** How far back staff may date a petition: a letter can take a while to reach the registrar. */
export const MAX_BACKDATE_DAYS = 90;

/**
 * Registration by staff (registrar) of a letter, visit, call, or a petition transferred or
 * assigned from a higher level. For a collective visit the petitioners are its representatives
 * (at most 5) and personCount counts everyone who came.
 */
export const staffRegistrationSchema = z
  .strictObject({
    ...matter,
    channel: z.enum(['LETTER', 'VISIT', 'PHONE', 'TRANSFERRED']),
    // A caller or letter may give no ID number or phone; repeats then match on what is given.
    petitioners: z.array(petitionerSchema.partial({ idNumber: true, phone: true })).max(5),
    nature: z.enum(Natures).optional(),
    category: z.enum(Categories).optional(),
    receivedAt: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .refine(
        (at) =>
          at.getTime() <= Date.now() && at.getTime() >= Date.now() - MAX_BACKDATE_DAYS * DAY_MS,
        bilingual(
          'received_at_range',
          `收到日期不能晚于现在，也不能早于${MAX_BACKDATE_DAYS}天前`,
          `must not be in the future nor more than ${MAX_BACKDATE_DAYS} days ago`,
        ),
      )
      .optional(),
    transfer: z
      .strictObject({
        sourceBody: text(100),
        referenceNo: text(64),
        reportBackDueOn: z.iso.date().optional(),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.channel === 'TRANSFERRED') !== (value.transfer !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['transfer'],
        ...bilingual(
          'transfer_required',
          '转送、交办的信访事项须填写来源机关和来文编号，其他渠道不填',
          'is required for channel TRANSFERRED and only for it',
        ),
      });
    }
    requirePetitionerUnlessAccusation(value, ctx);
  });

export type StaffRegistration = z.infer<typeof staffRegistrationSchema>;

export const queryCodeSchema = z.strictObject({
  queryCode: z.string().trim().min(6).max(32),
});

export const caseNoSchema = matching(
  /^XF-\d{6}-\d{8}-\d{6}$/,
  bilingual('case_no_format', '信访件编号格式不正确', 'malformed case number'),
);
