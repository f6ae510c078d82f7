import type { UnitLevel } from '#common';

/**
 * The division-code prefix of the places a unit serves: a prefecture's bureau all of the
 * prefecture (first four digits), a county's its county (six), a township's itself (nine).
 */
export function territoryPrefix(unit: { level: UnitLevel; divisionCode: string }): string {
  const digits = { PREFECTURE: 4, COUNTY: 6, TOWNSHIP: 9 }[unit.level];
  return unit.divisionCode.slice(0, digits);
}
