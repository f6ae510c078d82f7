import { z } from 'zod';
import { pagingFields } from '#common';
import { CallOutcomes } from './call-back-rules.js';

export const callBackQuerySchema = z.strictObject({
  status: z.enum(['open', 'done']).default('open'),
  ...pagingFields(),
});
export type CallBackQuery = z.infer<typeof callBackQuerySchema>;

export const callMadeSchema = z.strictObject({
  outcome: z.enum(CallOutcomes),
  note: z.string().trim().max(500).optional(),
});
export type CallMade = z.infer<typeof callMadeSchema>;
