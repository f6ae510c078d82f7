import { z } from 'zod';
import { Evaluations } from '#common';

// The query code goes in the query string, as for every public call about a case.

export const evaluationSchema = z.strictObject({
  evaluation: z.enum(Evaluations),
  comment: z.string().trim().max(2000).optional(),
});
export type EvaluationRequest = z.infer<typeof evaluationSchema>;

export const reviewRequestSchema = z.strictObject({
  /** Why the petitioner disagrees with the reply. */
  reason: z.string().trim().min(5).max(5000),
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;
