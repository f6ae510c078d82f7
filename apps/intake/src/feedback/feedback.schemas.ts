import { z } from 'zod';
import { Evaluations } from '#common';
import { queryCodeSchema } from '../petitions/petition.schemas.js';

export const evaluationSchema = z.strictObject({
  ...queryCodeSchema.shape,
  evaluation: z.enum(Evaluations),
  comment: z.string().trim().max(2000).optional(),
});
export type EvaluationRequest = z.infer<typeof evaluationSchema>;

export const reviewRequestSchema = z.strictObject({
  ...queryCodeSchema.shape,
  /** Why the petitioner disagrees with the reply. */
  reason: z.string().trim().min(5).max(5000),
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;
