import type { Me } from '../../api/types';
import type { AccusedParty, DirectoryUnit, TriageDecision, TriageItem } from './types';

/** routing case-workflow.ts MAX_RETURNS: after this many returns the bureau's decision binds. */
const MAX_RETURNS = 2;

/** A reading the dispatcher can give the case to in one click. */
export interface OneClickChoice {
  rank: number;
  decision: TriageDecision;
  /** Null when the registrar gave the category: nothing was guessed. */
  probability: number | null;
  evidence: string[];
  rule: string | null;
}

/**
 * The one-click decisions of a queue item: the classifier's three readings that have a unit, or,
 * where the registrar gave the category, the rules' own unit for it.
 */
export function oneClickChoices(item: TriageItem): OneClickChoice[] {
  if (item.suggestions.length > 0) {
    return item.suggestions.flatMap((s, index) =>
      s.unitCode
        ? [
            {
              rank: index + 1,
              decision: { nature: s.nature, category: s.category, unitCode: s.unitCode },
              probability: s.probability,
              evidence: s.evidence,
              rule: s.rule,
            },
          ]
        : [],
    );
  }
  const { nature, category, unitCode, confidence, rule } = item.suggestion;
  if (!nature || !category || !unitCode) return [];
  return [
    {
      rank: 1,
      decision: { nature, category, unitCode },
      probability: confidence,
      evidence: [],
      rule,
    },
  ];
}

/** Major cases (重大) first, then as the API gives them: longest waiting first. */
export function mostUrgentFirst(items: readonly TriageItem[]): TriageItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        Number(b.item.majorReasons.length > 0) - Number(a.item.majorReasons.length > 0) ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

/** Whether the decision binds the unit (routing decisionBinds): it was returned twice already. */
export function decisionBinds(item: TriageItem): boolean {
  return item.returns >= MAX_RETURNS;
}

/** A probability as a person reads it: 0.623 → 62%. */
export function percent(probability: number): string {
  return `${Math.round(probability * 100)}%`;
}

/** The prefecture (地级) division of a place: the directory the unit choice is read from. */
export function prefectureOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 4)}00`;
}

/**
 * The units a dispatcher gives cases to: the active units of the bureau's territory and the
 * prefecture's own (as libs/common territoryPrefix draws the territory), territory first.
 */
export function dispatchableUnits(units: readonly DirectoryUnit[], me: Me): DirectoryUnit[] {
  const bureau = me.unit;
  if (!bureau) return [];
  const digits = { PREFECTURE: 4, COUNTY: 6, TOWNSHIP: 9 }[bureau.level] ?? 6;
  const territory = bureau.divisionCode.slice(0, digits);
  const inTerritory = (u: DirectoryUnit) => u.divisionCode.startsWith(territory);
  return units
    .filter((u) => u.active && (inTerritory(u) || u.level === 'PREFECTURE'))
    .sort(
      (a, b) => Number(inTerritory(b)) - Number(inTerritory(a)) || a.code.localeCompare(b.code),
    );
}

/** The accused-parties form's rows as the API takes them: trimmed, empty fields null. */
export interface PartyRow {
  kind?: AccusedParty['kind'];
  nameAsWritten?: string;
  position?: string | null;
  unitCode?: string | null;
}

export function toParties(rows: readonly PartyRow[]): AccusedParty[] {
  return rows.map((row) => ({
    kind: row.kind ?? 'UNIT',
    nameAsWritten: (row.nameAsWritten ?? '').trim(),
    position: row.kind === 'OFFICIAL' && row.position?.trim() ? row.position.trim() : null,
    unitCode: row.unitCode || null,
  }));
}
