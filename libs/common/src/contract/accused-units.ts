/**
 * The accused-unit rule (信访工作条例 第四十六条; 纪检监察机关处理检举控告工作规则 第四十七条):
 * a petition's 检举控告 materials and the accuser's identity never go to the units or people it
 * accuses. Defined once here: routing checks every assignment against it, intake every read.
 */

/** A unit of the directory with the units above it, nearest first. */
export interface UnitInChain {
  code: string;
  ancestors: readonly string[];
}

/**
 * The accused unit that bars `unit` from a case, or null: the unit is accused itself, or it sits
 * under an accused unit (the accused leads it). A unit above an accused one is not barred: the
 * superior is who answers a complaint about its subordinate.
 */
export function barringAccusedUnit(
  unit: UnitInChain,
  accusedUnitCodes: readonly string[],
): string | null {
  return (
    accusedUnitCodes.find((code) => code === unit.code || unit.ancestors.includes(code)) ?? null
  );
}

/** Whether `unitCode` is above an accused unit: it oversees the accused (its supervisors). */
export function oversees(unitCode: string, accused: readonly UnitInChain[]): boolean {
  return accused.some((a) => a.ancestors.includes(unitCode));
}

/** The refusal a barred assignment gets, in both languages (HTTP 409 ACCUSED_UNIT). */
export const ACCUSED_UNIT_REFUSAL = {
  code: 'ACCUSED_UNIT',
  zh: '该信访事项检举控告了此单位或其上级单位，依照《信访工作条例》第四十六条，检举控告材料不得转交被检举控告的单位及其所属单位，请交其上级机关或纪检监察机关办理',
  en: 'This petition accuses this unit or a unit above it. Under article 46 of the Regulations on Petition Work, accusations never go to the accused unit or the units it leads: give it to a superior body or to discipline inspection',
} as const;
