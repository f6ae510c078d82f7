import { z } from 'zod';
import { Categories, Natures, pagingFields, unitCodeSchema } from '#common';

/** A dispatcher's decision on a case in the triage queue: what it is and who handles it. */
export const triageDecisionSchema = z.strictObject({
  nature: z.enum(Natures),
  category: z.enum(Categories),
  unitCode: unitCodeSchema,
  /** Why, when it differs from the suggestion; kept with the correction. */
  reason: z.string().trim().min(1).max(500).optional(),
});
export type TriageDecision = z.infer<typeof triageDecisionSchema>;

export const pageSchema = z.strictObject(pagingFields());
export type Page = z.infer<typeof pageSchema>;
