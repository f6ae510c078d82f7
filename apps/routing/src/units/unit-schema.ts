import { z } from 'zod';
import {
  Categories,
  jobPayloadSchemas,
  bilingual,
  mainlandMobileSchema,
  UnitKinds,
  UnitLevels,
  type UnitLevel,
} from '#common';
import type { DivisionCatalogue } from './division-catalogue.js';

// The job contract's unit code, so that every unit in the directory can travel in a job.
const contractUnitCode = jobPayloadSchemas['petition.assigned'].shape.unitCode;

export const unitCodeSchema = z
  .string()
  .refine(
    (value) => contractUnitCode.safeParse(value).success,
    bilingual(
      'unit_code_format',
      '单位代码应为2至64位大写字母、数字、下划线或连字符',
      'must be 2 to 64 capital letters, digits, underscores or hyphens',
    ),
  );

const mobile = mainlandMobileSchema;

const DIVISION_LEVELS: Record<
  UnitLevel,
  { pattern: RegExp; zh: string; en: string; formatZh: string; formatEn: string }
> = {
  PREFECTURE: {
    pattern: /^\d{4}00$/,
    zh: '地市级',
    en: 'prefecture-level',
    formatZh: '以00结尾的6位数字',
    formatEn: '6 digits ending in 00',
  },
  COUNTY: {
    pattern: /^\d{6}$/,
    zh: '县级',
    en: 'county-level',
    formatZh: '6位数字',
    formatEn: '6 digits',
  },
  TOWNSHIP: {
    pattern: /^\d{9}$/,
    zh: '乡镇级',
    en: 'township-level',
    formatZh: '9位数字',
    formatEn: '9 digits',
  },
};

/** The fields of a unit other than its code, each checked on its own. */
const unitFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UnitKinds),
  level: z.enum(UnitLevels),
  divisionCode: z
    .string()
    .refine(
      (value) => /^\d{6}(\d{3})?$/.test(value),
      bilingual(
        'division_code_format',
        '行政区划代码应为6位或9位数字',
        'must be a 6-digit or 9-digit division code',
      ),
    ),
  superiorCode: unitCodeSchema.nullable(),
  /** The categories it leads on (谁主管、谁负责); repeats are dropped. */
  categories: z
    .array(z.enum(Categories))
    .max(Categories.length * 2)
    .transform((categories) => [...new Set(categories)]),
  contactEmail: z.email().max(254).nullable(),
  contactPhone: mobile.nullable(),
  active: z.boolean(),
};

/**
 * The one definition of a valid unit, used by the API and by directory files. Besides the
 * fields on their own, the division code must fit the level and be a real division of it.
 */
export class UnitSchemas {
  constructor(private readonly divisions: DivisionCatalogue) {}

  /** A whole unit, as created through the API or listed in a directory file. */
  readonly unit = z
    .strictObject({
      code: unitCodeSchema,
      ...unitFields,
      superiorCode: unitFields.superiorCode.default(null),
      categories: unitFields.categories.default([]),
      contactEmail: unitFields.contactEmail.default(null),
      contactPhone: unitFields.contactPhone.default(null),
      active: unitFields.active.default(true),
    })
    .superRefine(
      (unit, ctx) => {
        this.checkDivision(unit, ctx);
      },
      {
        // Also when other fields are wrong, so that every problem is reported at once.
        when: ({ issues }) =>
          !issues.some(({ path }) => path?.[0] === 'level' || path?.[0] === 'divisionCode'),
      },
    );

  /** The fields a PATCH may change; the code never changes. */
  readonly changes = z.strictObject(unitFields).partial();

  /** A directory file: `units`, each a whole unit. */
  readonly file = z.strictObject({ units: z.array(this.unit).min(1) });

  private checkDivision(unit: { level: UnitLevel; divisionCode: string }, ctx: z.RefinementCtx) {
    const level = DIVISION_LEVELS[unit.level];
    const problem = !level.pattern.test(unit.divisionCode)
      ? bilingual(
          'division_level_mismatch',
          `${level.zh}单位的行政区划代码应为${level.formatZh}`,
          `a ${level.en} unit needs a division code of ${level.formatEn}`,
        )
      : !this.divisions.find(unit.level, unit.divisionCode)
        ? bilingual(
            'division_unknown',
            `${unit.divisionCode}不是${level.zh}行政区划代码`,
            `${unit.divisionCode} is not a ${level.en} division`,
          )
        : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['divisionCode'], ...problem });
  }
}

export type UnitInput = z.output<UnitSchemas['unit']>;
export type UnitChanges = z.output<UnitSchemas['changes']>;
