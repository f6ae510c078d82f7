import { z } from 'zod';
import { CallOutcomes } from './call-back-rules.js';

export const callBackQuerySchema = z.strictObject({
  status: z.enum(['open', 'done']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CallBackQuery = z.infer<typeof callBackQuerySchema>;

export const callMadeSchema = z.strictObject({
  outcome: z.enum(CallOutcomes),
  note: z.string().trim().max(500).optional(),
});
export type CallMade = z.infer<typeof callMadeSchema>;
