import { z } from 'zod';
import { caseNoSchema as caseNo } from '#common';

export const issueSchema = z.strictObject({
  caseNo,
  instructions: z.string().trim().min(5).max(2000),
});
export type SupervisionIssue = z.infer<typeof issueSchema>;

export const answerSchema = z.strictObject({ answer: z.string().trim().min(5).max(5000) });
export type SupervisionAnswer = z.infer<typeof answerSchema>;

/** The notice in an answer's path. */
export const supervisionIdSchema = z.uuid();
