import { z } from 'zod';
import { unitCodeSchema } from '#common';

const bilingual = (code: string, zh: string, en: string) => ({ params: { code, zh, en } });

/** One accused unit or official, as a registrar or dispatcher records it. */
const partySchema = z
  .strictObject({
    kind: z.enum(['UNIT', 'OFFICIAL']),
    /** As the petition names it: 住建局, 派出所民警陈某某. */
    nameAsWritten: z.string().trim().min(1).max(100),
    /** For an official: 民警, 村支书, 副局长. */
    position: z.string().trim().min(1).max(50).nullable().default(null),
    /** The directory unit: the one accused, or the official's. */
    unitCode: unitCodeSchema.nullable().default(null),
  })
  .refine(
    (party) => party.kind === 'OFFICIAL' || party.unitCode !== null,
    bilingual(
      'unit_required',
      '被检举控告单位须填写单位编码',
      'an accused unit needs its unitCode',
    ),
  );

/** The whole list replaces the current one; the reason is kept with the correction. */
export const accusedPartiesCorrectionSchema = z.strictObject({
  parties: z.array(partySchema).max(20),
  reason: z.string().trim().min(2).max(500),
});
export type AccusedPartiesCorrection = z.infer<typeof accusedPartiesCorrectionSchema>;
