import type { UnitKind, UnitLevel } from './domain.js';

/**
 * The division-code prefix of the places a unit serves: a prefecture's bureau all of the
 * prefecture (first four digits), a county's its county (six), a township's itself (nine).
 */
export function territoryPrefix(unit: { level: UnitLevel; divisionCode: string }): string {
  const digits = { PREFECTURE: 4, COUNTY: 6, TOWNSHIP: 9 }[unit.level];
  return unit.divisionCode.slice(0, digits);
}

/** Whether a petition bureau answers for a place: it lies in the bureau's territory (属地). */
export function bureauCovers(
  bureau: { kind: UnitKind; level: UnitLevel; divisionCode: string } | null,
  divisionCode: string,
): boolean {
  return bureau?.kind === 'PETITION_BUREAU' && divisionCode.startsWith(territoryPrefix(bureau));
}
