import { z } from 'zod';
import { caseNoSchema, normaliseMainlandPhone } from '#common';
import { Locales } from '../notifications/template-values.js';

/** A roster covers a unit (its code) or a territory (a county or prefecture division code). */
export const rosterScope = z.string().regex(/^(\d{6}|[A-Z0-9_-]{2,64})$/);

// A mobile or the duty office's landline; a landline is not texted (see pageChannel).
const phone = z.string().transform((value, ctx) => {
  const normalised = normaliseMainlandPhone(value);
  if (normalised) return normalised;
  ctx.addIssue({
    code: 'custom',
    params: {
      code: 'PHONE_INVALID',
      zh: '电话号码无效（手机号码，或区号-号码的固定电话）',
      en: 'Not a mainland mobile or landline number (area code and number)',
    },
  });
  return z.NEVER;
});

/** The people on duty, in the order they are paged: the leader on duty first. */
export const rosterSchema = z.strictObject({
  entries: z
    .array(
      z
        .strictObject({
          /** Their staff account, so they can acknowledge in the inbox. */
          staffId: z.uuid().optional(),
          phone: phone.optional(),
          email: z.email().max(200).optional(),
          locale: z.enum(Locales).default('zh-CN'),
        })
        .refine((entry) => entry.phone ?? entry.email, {
          params: {
            code: 'CONTACT_REQUIRED',
            zh: '请填写手机号码或电子邮箱',
            en: 'A phone or an email is required',
          },
        }),
    )
    .min(1)
    .max(20),
});

export type Roster = z.infer<typeof rosterSchema>;

export const flagSchema = z.strictObject({
  caseNo: caseNoSchema,
  // Why the duty leader is woken: kept on the alert's timeline and the audit trail.
  reason: z.string().trim().min(1).max(500),
});
export type FlagRequest = z.infer<typeof flagSchema>;
