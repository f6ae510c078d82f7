import { readFileSync } from 'node:fs';
import {
  Categories,
  type Category,
  type UnitKind,
  UnitKinds,
  type UnitLevel,
  UnitLevels,
} from '#common';
import { z } from 'zod';

/**
 * What the routing rules read in a petition besides its category: who is accused, which units it
 * complains about, whether a court already has the matter. Kept as data in
 * data/terms/matter-phrases.json, like the category terms, so that a petition bureau can check and
 * amend them without a build; each group there says in `why` what it is for and what it leaves out.
 * Matched on the NFKC-normalised text, not on jieba words: these are phrases (过了上诉期, 迟迟不处理)
 * that jieba would cut apart. Regular expressions are written as strings and compiled once here.
 * The file is checked when the module loads: a bad file stops the service at start, never a
 * request.
 */
export const MATTER_PHRASES_PATH = new URL(
  '../../../../../data/terms/matter-phrases.json',
  import.meta.url,
);

/** The legal channel (法定途径) a petitioner is told to use for a matter in the courts' or police's hands. */
export const LegalChannels = [
  'ENFORCEMENT',
  'RETRIAL',
  'APPEAL',
  'FILING_SUPERVISION',
  'ADMINISTRATIVE_RECONSIDERATION',
  'LAWSUIT',
] as const;
export type LegalChannel = (typeof LegalChannels)[number];

const why = z.string().min(1);
const phrases = z.array(z.string().min(1)).min(1);
const regExp = z.string().transform((source, ctx) => {
  try {
    return new RegExp(source);
  } catch (error) {
    ctx.issues.push({ code: 'custom', message: (error as Error).message, input: source });
    return z.NEVER;
  }
});
const patterns = z.array(z.strictObject({ pattern: regExp, why: why.optional() })).min(1);
const categories = z.array(z.enum(Categories)).min(1);
/** Where an official works, as the directory knows it: the unit a position or workplace implies. */
const officialUnit = z.strictObject({
  kind: z.enum(UnitKinds),
  categories: categories.optional(),
  /** A village or township body answers to the township government (村两委, 镇干部). */
  level: z.enum(UnitLevels).optional(),
});

export const matterPhrasesSchema = z.strictObject({
  countyLeaders: z.strictObject({ why, patterns }),
  prefectureBodies: z.strictObject({ why, patterns }),
  countyBody: z.strictObject({ why, pattern: regExp }),
  secondInstance: z.strictObject({ why, terms: phrases }),
  accusing: z.strictObject({ why, terms: phrases }),
  unitAliases: z.strictObject({
    why,
    units: z.array(officialUnit.extend({ names: phrases })).min(1),
  }),
  complaint: z.strictObject({ why, terms: phrases }),
  complaintLead: z.strictObject({ why, terms: phrases }),
  legalProceedings: z.strictObject({ why, needed: z.int().min(1), terms: phrases }),
  legalChannels: z.strictObject({
    why,
    rules: z
      .array(
        z.strictObject({
          channel: z.enum(LegalChannels),
          terms: z.record(z.string().min(1), z.number().positive()),
          guidance: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
        }),
      )
      .min(1),
  }),
  officialWorkplaces: z.strictObject({
    why,
    workplaces: z.array(z.strictObject({ unit: officialUnit, names: phrases })).min(1),
  }),
  officialPositions: z.strictObject({
    why,
    positions: z.array(z.strictObject({ unit: officialUnit.optional(), names: phrases })).min(1),
  }),
  misconduct: z.strictObject({ why, terms: phrases, patterns }),
});
export type MatterPhrases = z.infer<typeof matterPhrasesSchema>;

export function loadMatterPhrases(path: string | URL = MATTER_PHRASES_PATH): MatterPhrases {
  const parsed = matterPhrasesSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${String(path)}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** A unit of the directory, named the way petitioners name it (住建局, 街道办, 镇上). */
export interface UnitAlias {
  kind: UnitKind;
  /** For departments: the categories the unit leads on, which identify it. */
  categories?: readonly Category[];
  /** When the name itself says the level (镇政府 is a township's, 中院 a prefecture's). */
  level?: UnitLevel;
  names: readonly string[];
}
export type OfficialUnit = Omit<UnitAlias, 'names'>;
export interface LegalChannelRule {
  channel: LegalChannel;
  /** Phrases and how strongly each points to this channel. */
  terms: Readonly<Record<string, number>>;
  /** What the petitioner is told (petitioner-visible timeline). */
  guidance: { zh: string; en: string };
}

const phrasesFile = loadMatterPhrases();
const compiled = (list: { pattern: RegExp }[]): readonly RegExp[] => list.map((p) => p.pattern);
export const COUNTY_LEADER_PATTERNS = compiled(phrasesFile.countyLeaders.patterns);
export const PREFECTURE_BODY_PATTERNS = compiled(phrasesFile.prefectureBodies.patterns);
export const COUNTY_BODY_PATTERN: RegExp = phrasesFile.countyBody.pattern;
export const SECOND_INSTANCE_TERMS: readonly string[] = phrasesFile.secondInstance.terms;
export const ACCUSING_TERMS: readonly string[] = phrasesFile.accusing.terms;
export const UNIT_ALIASES: readonly UnitAlias[] = phrasesFile.unitAliases.units;
export const COMPLAINT_TERMS: readonly string[] = phrasesFile.complaint.terms;
export const COMPLAINT_LEAD_TERMS: readonly string[] = phrasesFile.complaintLead.terms;
export const LEGAL_PROCEEDING_TERMS: readonly string[] = phrasesFile.legalProceedings.terms;
export const LEGAL_PROCEEDINGS_NEEDED: number = phrasesFile.legalProceedings.needed;
export const LEGAL_CHANNEL_RULES: readonly LegalChannelRule[] = phrasesFile.legalChannels.rules;
export const OFFICIAL_WORKPLACES: readonly { unit: OfficialUnit; names: readonly string[] }[] =
  phrasesFile.officialWorkplaces.workplaces;
export const OFFICIAL_POSITIONS: readonly { unit?: OfficialUnit; names: readonly string[] }[] =
  phrasesFile.officialPositions.positions;
export const MISCONDUCT_TERMS: readonly string[] = phrasesFile.misconduct.terms;
export const MISCONDUCT_PATTERNS = compiled(phrasesFile.misconduct.patterns);
