import { z } from 'zod';
import {
  Categories,
  bilingual,
  mainlandPhoneSchema,
  unitCodeSchema,
  UnitKinds,
  UnitLevels,
  type UnitLevel,
} from '#common';
import type { DivisionCatalogue } from './division-catalogue.js';

// A unit's duty phone is often its office landline; notify texts it only if it is a mobile.
const phone = mainlandPhoneSchema;

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
  contactPhone: phone.nullable(),
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
    // The refinement also runs when the body is no object at all (an array made it a 500:
    // npm run fuzz:api); that body's own issue is already reported.
    const given = unit as { level?: unknown; divisionCode?: unknown } | null;
    const name = given?.level;
    const level =
      typeof name === 'string' && Object.hasOwn(DIVISION_LEVELS, name)
        ? DIVISION_LEVELS[name as UnitLevel]
        : undefined;
    if (!level || typeof given?.divisionCode !== 'string') return;
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
