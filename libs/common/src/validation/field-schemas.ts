import { z } from 'zod';
import { normaliseMainlandMobile } from './phone.js';

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
