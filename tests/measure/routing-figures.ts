import { isRightUnit } from '../../apps/routing/src/assignments/auto-route-threshold.js';
import type { LabelledFixture } from '../../apps/routing/src/classification/labelled-file.js';

/** What routing did with one labelled petition. */
export interface RoutingResult {
  fixture: LabelledFixture;
  nature: string | null;
  category: string | null;
  confidence: number | null;
  /** The lead unit when routed without a person; null when it went to triage. */
  lead: LeadUnit | null;
  coHandlers: string[];
  rule: string | null;
}

export interface LeadUnit {
  code: string;
  kind: string;
  divisionCode: string;
  categories: readonly string[];
}

/** `division:KIND[:CATEGORY]` of a unit, as the corpus labels accused units. */
const labelOf = (unit: LeadUnit) =>
  `${unit.divisionCode}:${unit.kind}${unit.kind === 'DEPARTMENT' ? `:${unit.categories[0] ?? ''}` : ''}`;
const accusedLabelMatches = (label: string, unit: LeadUnit) =>
  label === labelOf(unit) ||
  (unit.kind === 'DEPARTMENT' &&
    unit.categories.some((c) => label === `${unit.divisionCode}:DEPARTMENT:${c}`));

const ratio = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${(part / whole).toFixed(3)} (${part}/${whole})`;

/**
 * The figures issue 11 asks for: accuracy, the share routed without a person and how many of
 * those reached a wrong unit, accusations of officials sent to discipline inspection (and requests
 * sent there wrongly), accusations given to a unit they accuse, and unclear petitions to triage.
 */
export function routingFigures(results: readonly RoutingResult[]): string[] {
  const n = results.length;
  const auto = results.filter((r) => r.lead);
  const wrong = auto.filter((r) => r.lead && (r.fixture.triage || !isRightUnit(r.lead, r.fixture)));
  const accusations = results.filter(
    (r) => r.fixture.category === 'DISCIPLINE' && r.fixture.nature === 'ACCUSATION',
  );
  const toDiscipline = (r: RoutingResult) =>
    r.category === 'DISCIPLINE' && (r.lead === null || r.lead.kind === 'DISCIPLINE');
  const wronglyToDiscipline = results.filter(
    (r) => r.fixture.category !== 'DISCIPLINE' && r.lead?.kind === 'DISCIPLINE',
  );
  const toAccused = results.filter(
    (r) =>
      r.fixture.nature === 'ACCUSATION' &&
      r.lead &&
      (r.fixture.accusedUnits ?? []).some((label) => r.lead && accusedLabelMatches(label, r.lead)),
  );
  const unclear = results.filter((r) => r.fixture.triage);
  const count = (key: (r: RoutingResult) => string, of: readonly RoutingResult[]) => {
    const counts = new Map<string, number>();
    for (const r of of) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  };
  return [
    `nature accuracy:    ${ratio(results.filter((r) => r.nature === r.fixture.nature).length, n)}`,
    `category accuracy:  ${ratio(results.filter((r) => r.category === r.fixture.category).length, n)}`,
    `routed without a person: ${ratio(auto.length, n)}   target >= 0.850`,
    `  of those at a wrong unit: ${ratio(wrong.length, auto.length)}   target <= 0.020`,
    `accusations of officials to discipline inspection: ${ratio(accusations.filter(toDiscipline).length, accusations.length)}` +
      ` (routed there without a person: ${accusations.filter((r) => r.lead?.kind === 'DISCIPLINE').length})`,
    `  requests and other matters routed to discipline wrongly: ${wronglyToDiscipline.length}`,
    `accusations routed to a unit they accuse: ${toAccused.length}` +
      ` (of ${results.filter((r) => r.fixture.nature === 'ACCUSATION' && r.fixture.accusedUnits?.length).length} labelled with accused units)`,
    `unclear petitions to triage: ${ratio(unclear.filter((r) => !r.lead).length, unclear.length)}` +
      ` (triage in all: ${n - auto.length})`,
    `rules that chose the lead: ${count((r) => r.rule ?? '-', auto)}`,
    'routed to a wrong unit:',
    ...wrong.map(
      (r) =>
        `  ${r.fixture.id} expected ${r.fixture.routeDivisionCode}/${r.fixture.category}${r.fixture.triage ? ' (unclear)' : ''},` +
        ` got ${r.lead?.code ?? '-'} by ${r.rule ?? '-'} at ${r.confidence ?? '-'}: ${r.fixture.title}`,
    ),
    'accusations routed to a unit they accuse:',
    ...toAccused.map(
      (r) => `  ${r.fixture.id} ${r.lead?.code ?? '-'} by ${r.rule ?? '-'}: ${r.fixture.title}`,
    ),
    'accusations of officials sent to triage:',
    ...accusations
      .filter((r) => toDiscipline(r) && !r.lead)
      .map(
        (r) =>
          `  ${r.fixture.id} ${r.confidence ?? '-'} expected ${r.fixture.routeDivisionCode}: ${r.fixture.title}`,
      ),
    'accusations of officials not sent to discipline:',
    ...accusations
      .filter((r) => !toDiscipline(r))
      .map(
        (r) =>
          `  ${r.fixture.id} read ${r.nature}/${r.category}@${r.confidence ?? '-'}: ${r.fixture.title}`,
      ),
  ];
}
