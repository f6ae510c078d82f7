import { z } from 'zod';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const inboxQuerySchema = z.strictObject({
  unread: flag.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const deadLetterQuerySchema = z.strictObject({
  status: z.enum(['FAILED', 'UNCONFIRMED']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;
