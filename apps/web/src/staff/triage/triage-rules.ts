import type { Me } from '../../api/types';
import type {
  AccusedParty,
  Category,
  DirectoryUnit,
  Nature,
  TriageDecision,
  TriageItem,
} from './types';

/** routing case-workflow.ts MAX_RETURNS: after this many returns the bureau's decision binds. */
const MAX_RETURNS = 2;

/** One of the readings shown on a queue item, with the decision it makes in one click. */
export interface Reading {
  rank: number;
  nature: Nature | null;
  category: Category | null;
  /** Null when the registrar gave the category: nothing was guessed. */
  probability: number | null;
  evidence: string[];
  rule: string | null;
  /** Null when the rules found no unit for it: the dispatcher chooses one. */
  decision: TriageDecision | null;
}

/**
 * The readings of a queue item: the classifier's three best, or, where the registrar gave the
 * category, that category with the rules' unit for it.
 */
export function readingsOf(item: TriageItem): Reading[] {
  const decisionOf = (nature: Nature | null, category: Category | null, unitCode: string | null) =>
    nature && category && unitCode ? { nature, category, unitCode } : null;
  if (item.suggestions.length > 0) {
    return item.suggestions.map((s, index) => ({
      rank: index + 1,
      nature: s.nature,
      category: s.category,
      probability: s.probability,
      // Two features may read the same (词 and 标题:词 aside): each word once.
      evidence: [...new Set(s.evidence)],
      rule: s.rule,
      decision: decisionOf(s.nature, s.category, s.unitCode),
    }));
  }
  const { nature, category, unitCode, confidence, rule } = item.suggestion;
  if (!category) return [];
  return [
    {
      rank: 1,
      nature,
      category,
      probability: confidence,
      evidence: [],
      rule,
      decision: decisionOf(nature, category, unitCode),
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

/** A probability as a person reads it: 0.623 → 62%, 0.004 → 0.4%, 0.0001 → <0.1%. */
export function percent(probability: number): string {
  const points = probability * 100;
  if (points > 0 && points < 0.05) return '<0.1%';
  return `${points < 10 ? points.toFixed(1) : Math.round(points)}%`;
}

/** The prefecture (地级) division of a place: the directory the unit choice is read from. */
export function prefectureOf(divisionCode: string): string {
  return `${divisionCode.slice(0, 4)}00`;
}

/**
 * The units a case goes to from `me`'s unit (a dispatcher's decision, a unit's transfer or its
 * co-handlers): the active units of its territory and the prefecture's own (as libs/common
 * territoryPrefix draws the territory), territory first.
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

/**
 * A piece of the classifier's evidence as a dispatcher reads it. Words come as they are; the term
 * tables' verdict (k:HOUSING, kn:REQUEST) and what the phrase rules read (r:accused-official) come
 * as feature names, which `name` turns into words.
 */
export function evidenceLabel(
  feature: string,
  name: (group: 'category' | 'nature' | 'reading', code: string) => string,
  termTables: (label: string) => string,
): string {
  const [prefix, code] = feature.split(/:(.*)/s);
  if (code === undefined) return feature;
  if (prefix === 'k') return termTables(name('category', code));
  if (prefix === 'kn') return termTables(name('nature', code));
  if (prefix === 'r') return name('reading', code);
  return feature;
}
