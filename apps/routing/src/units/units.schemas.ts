import { z } from 'zod';
import { Categories, pagingFields, UnitKinds, UnitLevels } from '#common';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the unit list; every one optional. */
export const unitSearchSchema = z.strictObject({
  /** A division code: units of that division and of the divisions under it (was `division`). */
  divisionCode: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  kind: z.enum(UnitKinds).optional(),
  level: z.enum(UnitLevels).optional(),
  /** Units that lead on this category. */
  category: z.enum(Categories).optional(),
  active: flag.optional(),
  ...pagingFields(500, 50),
});
export type UnitSearch = z.infer<typeof unitSearchSchema>;
