import { z } from 'zod';
import { Categories, Natures } from '#common';

const bilingual = (code: string, zh: string, en: string) => ({ params: { code, zh, en } });

export const caseNoSchema = z
  .string()
  .refine(
    (value) => /^XF-\d{6}-\d{8}-\d{6}$/.test(value),
    bilingual('case_no_format', '信访件编号格式不正确', 'malformed case number'),
  );

/** A dispatcher's decision on a case in the triage queue: what it is and who handles it. */
export const triageDecisionSchema = z.strictObject({
  nature: z.enum(Natures),
  category: z.enum(Categories),
  unitCode: z
    .string()
    .trim()
    .refine(
      (value) => /^[A-Z0-9_-]{2,64}$/.test(value),
      bilingual('unit_code_format', '单位编码格式不正确', 'malformed unit code'),
    ),
  /** Why, when it differs from the suggestion; kept with the correction. */
  reason: z.string().trim().min(1).max(500).optional(),
});
export type TriageDecision = z.infer<typeof triageDecisionSchema>;

export const pageSchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type Page = z.infer<typeof pageSchema>;
