import { z } from 'zod';
import { Categories, Channels, Natures, pagingFields, PetitionStatuses } from '#common';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of the staff case list; every one optional. */
export const caseSearchSchema = z.strictObject({
  status: z.enum(PetitionStatuses).optional(),
  channel: z.enum(Channels).optional(),
  nature: z.enum(Natures).optional(),
  category: z.enum(Categories).optional(),
  /** A county (6 digits) or township (9 digits): the case arose there or in a division under it. */
  territory: z
    .string()
    .regex(/^\d{6}(\d{3})?$/)
    .optional(),
  receivedFrom: z.iso.date().optional(),
  receivedTo: z.iso.date().optional(),
  collective: flag.optional(),
  /** Linked to earlier cases as a repeat, or repeated by later ones. */
  repeat: flag.optional(),
  /** Part of a hotspot (热点). */
  hotspot: flag.optional(),
  /** Words in the title or content. */
  text: z.string().trim().min(1).max(50).optional(),
  sort: z.enum(['receivedAt', '-receivedAt', 'caseNo', '-caseNo']).default('-receivedAt'),
  ...pagingFields(),
});

export type CaseSearch = z.infer<typeof caseSearchSchema>;
