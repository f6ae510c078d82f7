import { z } from 'zod';
import { Categories, Natures, unitCodeSchema } from '#common';

/** A dispatcher's decision on a case in the triage queue: what it is and who handles it. */
export const triageDecisionSchema = z.strictObject({
  nature: z.enum(Natures),
  category: z.enum(Categories),
  unitCode: unitCodeSchema,
  /** Why, when it differs from the suggestion; kept with the correction. */
  reason: z.string().trim().min(1).max(500).optional(),
});
export type TriageDecision = z.infer<typeof triageDecisionSchema>;

export const pageSchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type Page = z.infer<typeof pageSchema>;
