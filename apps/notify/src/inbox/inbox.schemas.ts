import { z } from 'zod';
import { pagingFields } from '#common';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const inboxQuerySchema = z.strictObject({
  unread: flag.optional(),
  ...pagingFields(),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const deadLetterQuerySchema = z.strictObject({
  status: z.enum(['FAILED', 'UNCONFIRMED']).optional(),
  ...pagingFields(),
});
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;
