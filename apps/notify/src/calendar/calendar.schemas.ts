import { z } from 'zod';

// The whole params object, so that a bad year is reported as the field `year`.
export const yearParam = z
  .object({
    year: z.coerce
      .number()
      .int()
      .refine((y) => y >= 2000 && y <= 2099, {
        params: {
          code: 'YEAR_INVALID',
          zh: '年份应在2000至2099之间',
          en: 'The year is 2000 to 2099',
        },
      }),
  })
  .transform((params) => params.year);
