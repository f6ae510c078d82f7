import type { Category, UnitKind } from '#common';

export interface PetitionFacts {
  /** Where the matter arose: 6-digit county or 9-digit township code. */
  divisionCode: string;
  category: Category | null;
}

export interface CandidateUnit {
  code: string;
  kind: UnitKind;
  divisionCode: string;
  categories: Category[];
}

export type RoutingDecision<U extends CandidateUnit = CandidateUnit> =
  | { outcome: 'assign'; unit: U; rule: RuleName }
  | { outcome: 'triage'; reason: 'NO_UNIT_FOR_TERRITORY' };

export type RuleName =
  'CATEGORY_LEAD_DEPARTMENT' | 'TERRITORY_PETITION_BUREAU' | 'PREFECTURE_PETITION_BUREAU';

/** County-level code (区/县/县级市) of a division: its first six digits. */
export const countyOf = (divisionCode: string) => divisionCode.slice(0, 6);
/** Prefecture-level code (地级市) of a division: first four digits and 00. */
export const prefectureOf = (divisionCode: string) => `${divisionCode.slice(0, 4)}00`;

/**
 * The first routing rules, in order (属地管理、分级负责; 谁主管、谁负责):
 * 1. a known category goes to the county department that leads on it;
 * 2. otherwise to the petition bureau of the county where the matter arose;
 * 3. otherwise to the prefecture's petition bureau;
 * 4. with no such unit, a person decides (manual triage) rather than a guess.
 */
export function decideRoute<U extends CandidateUnit>(
  petition: PetitionFacts,
  units: U[],
): RoutingDecision<U> {
  const county = countyOf(petition.divisionCode);
  const prefecture = prefectureOf(petition.divisionCode);
  const find = (kind: UnitKind, division: string, category?: Category) =>
    units.find(
      (u) =>
        u.kind === kind &&
        u.divisionCode === division &&
        (!category || u.categories.includes(category)),
    );

  const lead = petition.category && find('DEPARTMENT', county, petition.category);
  if (lead) return { outcome: 'assign', unit: lead, rule: 'CATEGORY_LEAD_DEPARTMENT' };
  const bureau = find('PETITION_BUREAU', county);
  if (bureau) return { outcome: 'assign', unit: bureau, rule: 'TERRITORY_PETITION_BUREAU' };
  const upper = find('PETITION_BUREAU', prefecture);
  if (upper) return { outcome: 'assign', unit: upper, rule: 'PREFECTURE_PETITION_BUREAU' };
  return { outcome: 'triage', reason: 'NO_UNIT_FOR_TERRITORY' };
}
