import { z } from 'zod';
import {
  bilingual,
  Categories,
  idNumberSchema,
  mainlandMobileSchema,
  mainlandPhoneSchema,
  Natures,
} from '#common';

// zod passes `params` on to the issue only for refinements, hence refine() over regex().
const matching = (pattern: RegExp, params: ReturnType<typeof bilingual>) =>
  z.string().refine((value) => pattern.test(value), params);

// 15- or 18-digit (shared with the public form).
const idNumber = idNumberSchema;
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

/** The six-digit code texted to the phone (POST /api/v1/public/phone-verifications). */
export const verificationCodeSchema = matching(
  /^\d{6}$/,
  bilingual('verification_code_format', '短信验证码应为6位数字', 'must be the 6-digit SMS code'),
);

/**
 * The public form (网上信访). The petitioner may say it is an accusation, which may be anonymous.
 * Each petitioner's phone is verified by the code texted to it (PHONE_VERIFICATION).
 */
export const publicSubmissionSchema = z
  .strictObject({
    ...matter,
    nature: z.enum(Natures).optional(),
    petitioners: z
      .array(petitionerSchema.extend({ verificationCode: verificationCodeSchema.optional() }))
      .max(5),
  })
  .superRefine(requirePetitionerUnlessAccusation);

export type PublicSubmission = z.infer<typeof publicSubmissionSchema>;

const DAY_MS = 86_400_000;
/** How far back staff may date a petition: a letter can take a while to reach the registrar. */
export const MAX_BACKDATE_DAYS = 90;

/**
 * A petitioner as staff record one. A caller or letter may give no ID number or phone; repeats
 * then match on what is given. Staff may record a landline: the online form's mobile is verified
 * by SMS, a caller's is not.
 */
const staffPetitionerSchema = petitionerSchema
  .extend({ phone: mainlandPhoneSchema })
  .partial({ idNumber: true, phone: true });

/**
 * Registration by staff (registrar) of a letter, visit, call, or a petition transferred or
 * assigned from a higher level. For a collective visit the petitioners are its representatives
 * (at most 5) and personCount counts everyone who came.
 */
export const staffRegistrationSchema = z
  .strictObject({
    ...matter,
    channel: z.enum(['LETTER', 'VISIT', 'PHONE', 'TRANSFERRED']),
    petitioners: z.array(staffPetitionerSchema).max(5),
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

/**
 * The registrar's check before registering: would this matter of these people repeat an
 * earlier case (the repeat detector's rule)? Personal data in a body, never in a query string.
 */
export const repeatCheckSchema = z.strictObject({
  title: matter.title,
  content: matter.content,
  petitioners: z.array(staffPetitionerSchema).min(1).max(5),
});

export type RepeatCheckRequest = z.infer<typeof repeatCheckSchema>;

export const phoneVerificationSchema = z.strictObject({ phone: mobile });

/**
 * The query string of every public call about a case: the query code from the receipt. One
 * place for all of them (a GET has no body, and an upload's is read only once the code passed).
 */
export const queryCodeSchema = z.strictObject({
  queryCode: z.string().trim().min(6).max(32),
});
export type QueryCode = z.infer<typeof queryCodeSchema>;
