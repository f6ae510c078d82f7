import { z } from 'zod';

/** GET /api/v1/divisions: the children of `parent` (short form), the provinces without it. */
export const divisionChildrenSchema = z.strictObject({
  parent: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
});

export type DivisionChildrenQuery = z.infer<typeof divisionChildrenSchema>;
