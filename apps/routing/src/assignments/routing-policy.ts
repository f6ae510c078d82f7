import {
  barringAccusedUnit,
  type Category,
  type Nature,
  type UnitInChain,
  type UnitKind,
  type UnitLevel,
} from '#common';
import type { MatterReading, PlaceNames } from '../classification/matter-reader.js';
import { LEGAL_PROCEEDINGS_NEEDED } from '../classification/matter-terms.js';

/** What the rules know of a petition: where, what (given or classified) and what its text says. */
export interface PetitionFacts {
  /** Where the matter arose: 6-digit county or 9-digit township code. */
  divisionCode: string;
  nature: Nature;
  category: Category;
  /** Set by the registrar: used as given, never overridden by what the text suggests. */
  categoryGiven: boolean;
  /** The classifier's confidence in the category; null when the registrar gave it. */
  confidence: number | null;
  /** The level the classifier read (分级负责); null when it did not classify. */
  level: 'COUNTY' | 'PREFECTURE' | null;
  reading: MatterReading;
  /** Who it accuses or complains about: read from the text, or as staff corrected it. */
  accused: readonly AccusedParty[];
}

/** A unit or official the petition accuses or complains about (被检举控告对象). */
export interface AccusedParty {
  kind: 'UNIT' | 'OFFICIAL';
  /** As written: 住建局, 派出所民警, 村支书. */
  nameAsWritten: string;
  /** For an official: the position as written. */
  position: string | null;
  /** The directory unit accused, or the official's; null when the text does not say. */
  unitCode: string | null;
}

export interface CandidateUnit {
  code: string;
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  divisionCode: string;
  superiorCode: string | null;
  categories: Category[];
}

export type RuleName =
  | 'ACCUSED_COUNTY_LEADER'
  | 'ACCUSED_OFFICIAL'
  | 'LITIGATION_POLITICAL_LEGAL'
  | 'ACCUSATION_REGULATOR'
  | 'CATEGORY_LEAD_DEPARTMENT'
  | 'TOWNSHIP_CO_HANDLER'
  | 'ACCUSED_UNIT_SUPERIOR'
  /** The same matter again after its answer: the unit that answered it (not a table rule). */
  | 'REPEAT_OF_CONCLUDED';

/** Why a petition waits for a dispatcher instead of being routed. */
export type TriageReason = 'LOW_CONFIDENCE' | 'NO_RULE_APPLIES' | 'NO_UNIT_FOR_TERRITORY';

/** Which unit a rule wants: its kind, the level of the place it serves, the category it leads. */
export interface UnitQuery {
  kind: UnitKind;
  level: 'COUNTY' | 'PREFECTURE';
  category?: Category;
}

export interface RoutingRule {
  name: RuleName;
  /** In words, for the timeline and for whoever checks the rules. */
  description: string;
  applies(facts: PetitionFacts): boolean;
  /** `level` is the matter's: the prefecture's when it concerns a prefecture-level body. */
  target(facts: PetitionFacts, level: UnitQuery['level']): UnitQuery;
  /**
   * 属地管理: a township or street place adds its government as co-handler. Not for accusations
   * against officials (the accuser is protected, 信访工作条例 第二十三条) nor for legal channels.
   */
  territorial: boolean;
}

/**
 * The routing rules, in order: the first that applies chooses the unit (谁主管、谁负责; 分级负责).
 * A category the registrar gave is used as given; otherwise the classifier's.
 */
export const ROUTING_RULES: readonly RoutingRule[] = [
  {
    name: 'ACCUSED_COUNTY_LEADER',
    description:
      'An accusation against the leader of a county-level body goes to the prefecture discipline commission, which supervises county-level leaders.',
    applies: (f) => f.category === 'DISCIPLINE' && f.reading.accusedCountyLeader !== null,
    target: () => ({ kind: 'DISCIPLINE', level: 'PREFECTURE' }),
    territorial: false,
  },
  {
    name: 'ACCUSED_OFFICIAL',
    description:
      "An accusation against an official or party member goes to the discipline commission of the matter's level.",
    applies: (f) => f.category === 'DISCIPLINE',
    target: (_, level) => ({ kind: 'DISCIPLINE', level }),
    territorial: false,
  },
  {
    name: 'LITIGATION_POLITICAL_LEGAL',
    description:
      'A matter before the courts or the police goes to the political-legal committee, and the petitioner is told the legal channel (诉访分离).',
    applies: (f) =>
      f.category === 'LITIGATION' ||
      (!f.categoryGiven && f.reading.legalProceedings.length >= LEGAL_PROCEEDINGS_NEEDED),
    target: (_, level) => ({ kind: 'POLITICAL_LEGAL', level }),
    territorial: false,
  },
  {
    name: 'ACCUSATION_REGULATOR',
    description:
      'An accusation against a company or a person goes to the regulator of its subject: the department that leads the category.',
    applies: (f) => f.nature === 'ACCUSATION' && f.category !== 'OTHER',
    target: (f, level) => ({ kind: 'DEPARTMENT', level, category: f.category }),
    territorial: true,
  },
  {
    name: 'CATEGORY_LEAD_DEPARTMENT',
    description: "The department that leads the category, at the matter's level.",
    applies: (f) => f.category !== 'OTHER',
    target: (f, level) => ({ kind: 'DEPARTMENT', level, category: f.category }),
    territorial: true,
  },
];

/** A unit chosen for a case, the rule that chose it, and the unit it replaced if any. */
export interface Routed<U extends CandidateUnit = CandidateUnit> {
  unit: U;
  rule: RuleName;
  /** The unit the rule chose first, which the petition complains about (its superior took over). */
  instead?: { unitCode: string; rule: RuleName };
}

export type RoutingDecision<U extends CandidateUnit = CandidateUnit> =
  | {
      outcome: 'assign';
      lead: Routed<U>;
      coHandlers: Routed<U>[];
      /** For a litigation matter: the legal channel the petitioner is told about. */
      legalChannel: MatterReading['legalChannel'] | null;
    }
  | {
      outcome: 'triage';
      reason: TriageReason;
      /** What the rules would choose, for the dispatcher; null when they choose nothing. */
      suggestion: Routed<U> | null;
    };

/** The divisions a place belongs to. */
export interface Place {
  division: string;
  county: string;
  prefecture: string;
  /** The 9-digit township or street code, when the place is one. */
  township: string | null;
}

/** County-level code (区/县/县级市) of a division: its first six digits. */
export const countyOf = (divisionCode: string) => divisionCode.slice(0, 6);
/** Prefecture-level code (地级市) of a division: first four digits and 00. */
export const prefectureOf = (divisionCode: string) => `${divisionCode.slice(0, 4)}00`;

export function placeOf(divisionCode: string): Place {
  return {
    division: divisionCode,
    county: countyOf(divisionCode),
    prefecture: prefectureOf(divisionCode),
    township: divisionCode.length === 9 ? divisionCode : null,
  };
}

/** NBS codes 81–99 of a prefecture are county-level cities (县级市). */
const isCountyLevelCity = (county: string) => Number(county.slice(4, 6)) >= 81;

/** The units the rules choose from: those of the place's township, county and prefecture. */
export class RoutingDirectory<U extends CandidateUnit> {
  private readonly byCode: ReadonlyMap<string, U>;

  constructor(readonly units: readonly U[]) {
    this.byCode = new Map(units.map((u) => [u.code, u]));
  }

  find(query: UnitQuery, place: Place): U | undefined {
    const division = query.level === 'PREFECTURE' ? place.prefecture : place.county;
    const { category } = query;
    return this.units.find(
      (u) =>
        u.kind === query.kind &&
        u.divisionCode === division &&
        (!category || u.categories.includes(category)),
    );
  }

  townshipGovernment(place: Place): U | undefined {
    return this.units.find(
      (u) => u.kind === 'GOVERNMENT' && u.level === 'TOWNSHIP' && u.divisionCode === place.township,
    );
  }

  superiorOf(unit: U): U | undefined {
    return unit.superiorCode === null ? undefined : this.byCode.get(unit.superiorCode);
  }

  /** The unit with its superiors, nearest first, for the accused-unit rule. */
  chainOf(unit: U): UnitInChain {
    const ancestors: string[] = [];
    for (let up = this.superiorOf(unit); up && !ancestors.includes(up.code);) {
      ancestors.push(up.code);
      up = this.superiorOf(up);
    }
    return { code: unit.code, ancestors };
  }

  /** The unit of the directory a unit named in the text is, at the place. */
  resolve(
    named: { kind: UnitKind; categories?: readonly Category[]; level: UnitLevel },
    place: Place,
  ): U | undefined {
    if (named.level === 'TOWNSHIP') {
      return named.kind === 'GOVERNMENT' ? this.townshipGovernment(place) : undefined;
    }
    const categories = named.categories ?? [];
    const matches = (category?: Category) =>
      this.find({ kind: named.kind, level: named.level as UnitQuery['level'], category }, place);
    return categories.length === 0 ? matches() : categories.map(matches).find(Boolean);
  }

  /** The names that tell levels apart in the text, from the governments' names. */
  placeNames(place: Place): PlaceNames {
    const governmentName = (division: string) =>
      this.units
        .find((u) => u.kind === 'GOVERNMENT' && u.divisionCode === division)
        ?.name.replace(/人民政府$/, '') ?? null;
    return {
      prefecture: governmentName(place.prefecture),
      county: governmentName(place.county),
      countyIsCity: isCountyLevelCity(place.county),
    };
  }
}

/**
 * The level the text or the place settles (分级负责): the prefecture's when the place is the
 * prefecture itself, or the petition is about a prefecture-level department or court (named in
 * the title, or complained about) or accuses one of its officials; null when it does not say.
 */
export function levelFromText(reading: MatterReading, place: Place): 'PREFECTURE' | null {
  if (place.county === place.prefecture) return 'PREFECTURE';
  const aboutPrefectureBody =
    reading.mentions.some(
      (m) =>
        m.level === 'PREFECTURE' &&
        (m.kind === 'DEPARTMENT' || m.kind === 'COURT') &&
        (m.inTitle || m.complainedAbout),
    ) ||
    reading.accusedOfficials.some((o) => o.unit?.level === 'PREFECTURE') ||
    // A county's own body named beside it (县医院 … 转到市中心医院) leaves the level to the model.
    (reading.prefectureBody !== null && reading.countyBody === null) ||
    // 干部管理权限: the prefecture supervises the leaders of county-level bodies.
    reading.accusedCountyLeader !== null;
  return aboutPrefectureBody ? 'PREFECTURE' : null;
}

/** The level of the matter: as the text settles it, else as the classifier read it. */
export function matterLevel(facts: PetitionFacts, place: Place): UnitQuery['level'] {
  return levelFromText(facts.reading, place) ?? facts.level ?? 'COUNTY';
}

/**
 * The parties a reading names, resolved against the directory: officials accused of misconduct,
 * with the unit they belong to (派出所民警 → the county's 公安局), and in an accusation (检举控告)
 * the units it accuses. A request that complains of a unit's slowness still goes to that unit:
 * answering for its own work is its duty.
 */
export function accusedPartiesOf<U extends CandidateUnit>(
  reading: MatterReading,
  directory: RoutingDirectory<U>,
  place: Place,
  nature: Nature,
): AccusedParty[] {
  const parties: AccusedParty[] = [
    ...reading.mentions
      .filter((m) => m.complainedAbout && nature === 'ACCUSATION')
      .map((m) => ({
        kind: 'UNIT' as const,
        nameAsWritten: m.name,
        position: null,
        unitCode: directory.resolve(m, place)?.code ?? null,
      }))
      .filter((p) => p.unitCode !== null),
    ...reading.accusedOfficials.map((o) => ({
      kind: 'OFFICIAL' as const,
      nameAsWritten: o.asWritten,
      position: o.position,
      unitCode: o.unit ? (directory.resolve(o.unit, place)?.code ?? null) : null,
    })),
  ];
  const seen = new Set<string>();
  return parties.filter((p) => {
    const key = `${p.kind}|${p.position ?? p.nameAsWritten}|${p.unitCode ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The unit codes the accused-unit rule keeps a case away from. */
export const accusedUnitCodes = (accused: readonly AccusedParty[]): string[] => [
  ...new Set(accused.flatMap((p) => (p.unitCode ? [p.unitCode] : []))),
];

/**
 * Applies the rules to a petition. Below `triageBelow` confidence (the model's auto-routing
 * threshold), or when no rule or no unit fits, a person decides (the petition bureau's triage
 * queue) rather than a guess.
 */
export function decideRoute<U extends CandidateUnit>(
  facts: PetitionFacts,
  directory: RoutingDirectory<U>,
  triageBelow: number,
): RoutingDecision<U> {
  const decision = applyRules(facts, directory);
  if (facts.confidence !== null && facts.confidence < triageBelow) {
    return {
      outcome: 'triage',
      reason: 'LOW_CONFIDENCE',
      suggestion: decision.outcome === 'assign' ? decision.lead : null,
    };
  }
  return decision;
}

function applyRules<U extends CandidateUnit>(
  facts: PetitionFacts,
  directory: RoutingDirectory<U>,
): RoutingDecision<U> {
  const rule = ROUTING_RULES.find((r) => r.applies(facts));
  if (!rule) return { outcome: 'triage', reason: 'NO_RULE_APPLIES', suggestion: null };
  const place = placeOf(facts.divisionCode);
  const barred = accusedUnitCodes(facts.accused);
  const chosen = directory.find(rule.target(facts, matterLevel(facts, place)), place);
  const lead = chosen && avoidAccused(directory, barred, chosen, rule.name);
  if (!lead) return { outcome: 'triage', reason: 'NO_UNIT_FOR_TERRITORY', suggestion: null };

  const coHandlers: Routed<U>[] = [];
  const township = rule.territorial ? directory.townshipGovernment(place) : undefined;
  const local = township && avoidAccused(directory, barred, township, 'TOWNSHIP_CO_HANDLER');
  if (local && local.unit.code !== lead.unit.code) coHandlers.push(local);
  return {
    outcome: 'assign',
    lead,
    coHandlers,
    legalChannel: rule.name === 'LITIGATION_POLITICAL_LEGAL' ? facts.reading.legalChannel : null,
  };
}

/**
 * A unit the petition accuses, or one under it, never handles it: the nearest superior that is
 * neither does (the accused-unit rule, libs/common).
 */
function avoidAccused<U extends CandidateUnit>(
  directory: RoutingDirectory<U>,
  barred: readonly string[],
  unit: U,
  rule: RuleName,
): Routed<U> | undefined {
  let current: U | undefined = unit;
  while (current && barringAccusedUnit(directory.chainOf(current), barred)) {
    current = directory.superiorOf(current);
  }
  if (!current) return undefined;
  return current === unit
    ? { unit, rule }
    : { unit: current, rule: 'ACCUSED_UNIT_SUPERIOR', instead: { unitCode: unit.code, rule } };
}
