import type { Category, UnitKind, UnitLevel } from '#common';
import {
  ACCUSING_TERMS,
  COMPLAINT_LEAD_TERMS,
  COMPLAINT_TERMS,
  COUNTY_BODY_PATTERN,
  COUNTY_LEADER_PATTERNS,
  LEGAL_CHANNEL_RULES,
  LEGAL_PROCEEDING_TERMS,
  type LegalChannel,
  MISCONDUCT_PATTERNS,
  PREFECTURE_BODY_PATTERNS,
  SECOND_INSTANCE_TERMS,
  MISCONDUCT_TERMS,
  OFFICIAL_POSITIONS,
  OFFICIAL_WORKPLACES,
  type OfficialUnit,
  UNIT_ALIASES,
} from './matter-terms.js';

/** The names that tell which level a unit named in the text belongs to (遂宁市住建局, 射洪市住建局). */
export interface PlaceNames {
  /** The prefecture's name, e.g. 遂宁市. */
  prefecture: string | null;
  /** The county-level division's name, e.g. 船山区, 射洪市. */
  county: string | null;
  /** A county-level city (县级市): there, 市住建局 is the county's, not the prefecture's. */
  countyIsCity: boolean;
}

/** A unit the petition names. */
export interface UnitMention {
  /** As written: 住建局, 镇政府. */
  name: string;
  kind: UnitKind;
  categories: readonly Category[];
  level: UnitLevel;
  /** The petition accuses it or complains about it (住建局迟迟不处理, 举报街道办). */
  complainedAbout: boolean;
  inTitle: boolean;
}

/** An official the petition accuses of misconduct in office (被检举控告的公职人员). */
export interface AccusedOfficial {
  /** The position as written: 民警, 村支书, 副局长. */
  position: string;
  /** The position with the workplace the text gives, as written: 派出所民警, 市生态环境局科长. */
  asWritten: string;
  /** The directory unit the official belongs to, when the text or the position says. */
  unit: (OfficialUnit & { level: UnitLevel }) | null;
  inTitle: boolean;
}

/** What the routing rules need from the text, besides nature and category. */
export interface MatterReading {
  /** The county-level leader an accusation names (副区长, 县教育局局长), as written. */
  accusedCountyLeader: string | null;
  /** Officials accused of misconduct: 检举控告 of them goes to discipline inspection. */
  accusedOfficials: AccusedOfficial[];
  mentions: UnitMention[];
  /** Steps the courts or police have already taken (判决, 强制执行). */
  legalProceedings: string[];
  /** A prefecture-level body the text names by its own words (市中心医院). */
  prefectureBody: string | null;
  /** A county-level body the text names by its own words (县人民医院, 镇卫生院). */
  countyBody: string | null;
  /** The case went to a second instance (二审, 中院): a hint of the prefecture's level, no more. */
  secondInstance: boolean;
  /** The legal channel that applies if it is a litigation matter, and the terms that said so. */
  legalChannel: { channel: LegalChannel; evidence: string[] };
}

const CLAUSE = /[，。；！？!?;,\n]+/;
// How far after a unit's name its complaint may be (住建局对开发商的违建不管不问).
const COMPLAINT_WINDOW = 14;
// How far before a unit's name the word that tells its level may be.
const LEVEL_WINDOW = 8;

const ALIASES = UNIT_ALIASES.flatMap((alias) => alias.names.map((name) => ({ name, alias })));
// Longest first, so that 住房和城乡建设局 is one mention and not also 建设局.
const ALIAS_PATTERN = new RegExp(
  [...ALIASES]
    .sort((a, b) => b.name.length - a.name.length)
    .map(({ name }) => name)
    .join('|'),
  'g',
);
const ALIAS_BY_NAME = new Map(ALIASES.map(({ name, alias }) => [name, alias]));
// A unit asked to act (请纪委调查…包庇) is not the one complained about, whatever follows it.
const ASKED_TO_ACT = /(?:请|要求|希望|恳请|建议|盼|由)[^，。]{0,4}$/;
// Not across 到/给/向 (举报到住建局: where the report went) nor a colon (举报：… opens what is reported).
const COMPLAINT_LEAD = new RegExp(`(?:${COMPLAINT_LEAD_TERMS.join('|')})[^到给向至请：:]{0,8}$`);

/**
 * Reads who and what a petition is about, for the routing rules (routing-policy.ts): phrase rules
 * from data/terms/matter-phrases.json (matter-terms.ts) over title and content, clause by clause.
 * Plain functions of the text; cheap enough to run on every petition.
 */
export class MatterReader {
  read(title: string, content: string, place: PlaceNames): MatterReading {
    const titleText = normalise(title);
    const contentText = normalise(content);
    const whole = `${titleText}\n${contentText}`;
    const mentions = [
      ...mentionsIn(titleText, place, true),
      ...mentionsIn(contentText, place, false),
    ];
    const leader = accusedCountyLeader(titleText, contentText);
    const officials = [
      ...accusedOfficialsIn(titleText, place, true),
      ...accusedOfficialsIn(contentText, place, false),
    ];
    if (leader && !officials.some((o) => leader.endsWith(o.position))) {
      // 副区长 and the like: the county government's, unless the text names a body (县教育局局长).
      const named = workplaceIn(leader, place)?.unit;
      officials.unshift({
        position: leader,
        asWritten: leader,
        unit: named ?? { kind: 'GOVERNMENT', level: 'COUNTY' },
        inTitle: titleText.includes(leader),
      });
    }
    return {
      accusedCountyLeader: leader,
      accusedOfficials: officials,
      mentions,
      legalProceedings: LEGAL_PROCEEDING_TERMS.filter((term) => whole.includes(term)),
      prefectureBody: prefectureBodyIn(whole, place),
      countyBody: countyBodyIn(whole, place),
      secondInstance: SECOND_INSTANCE_TERMS.some((term) => whole.includes(term)),
      legalChannel: legalChannelOf(whole),
    };
  }
}

const normalise = (text: string) => text.normalize('NFKC');

/** A leader named in the title, or in a sentence of the content that accuses someone. */
function accusedCountyLeader(title: string, content: string): string | null {
  const clauses = [
    title,
    ...content
      .split(/[。；！？!?;\n]+/)
      .filter((sentence) => ACCUSING_TERMS.some((term) => sentence.includes(term))),
  ];
  for (const clause of clauses) {
    for (const pattern of COUNTY_LEADER_PATTERNS) {
      const found = pattern.exec(clause);
      if (found) return found[0];
    }
  }
  return null;
}

function mentionsIn(text: string, place: PlaceNames, inTitle: boolean): UnitMention[] {
  const mentions: UnitMention[] = [];
  for (const clause of text.split(CLAUSE)) {
    for (const match of clause.matchAll(ALIAS_PATTERN)) {
      const name = match[0];
      const alias = ALIAS_BY_NAME.get(name);
      if (!alias) continue;
      const before = clause.slice(0, match.index);
      const after = clause.slice(
        match.index + name.length,
        match.index + name.length + COMPLAINT_WINDOW,
      );
      mentions.push({
        name,
        kind: alias.kind,
        categories: alias.categories ?? [],
        level: alias.level ?? levelOf(before, name, place),
        complainedAbout:
          !ASKED_TO_ACT.test(before) &&
          (COMPLAINT_LEAD.test(before) ||
            COMPLAINT_TERMS.some((term) => after.includes(term)) ||
            (before.endsWith('对') && /不服|不满|不认可/.test(after))),
        inTitle,
      });
    }
  }
  return mentions;
}

const SENTENCE = /[。；！？!?;\n]+/;
// How far before a position its workplace may be named (遂宁市生态环境局某科室负责人).
const WORKPLACE_WINDOW = 16;
const POSITIONS = OFFICIAL_POSITIONS.flatMap(({ unit, names }) =>
  names.map((name) => ({ name, unit })),
).sort((a, b) => b.name.length - a.name.length);
const POSITION_PATTERN = new RegExp(POSITIONS.map(({ name }) => name).join('|'), 'g');
const POSITION_UNIT = new Map(POSITIONS.map(({ name, unit }) => [name, unit]));
const WORKPLACES = [
  ...UNIT_ALIASES.flatMap((alias) => alias.names.map((name) => ({ name, unit: alias }))),
  ...OFFICIAL_WORKPLACES.flatMap(({ unit, names }) => names.map((name) => ({ name, unit }))),
].sort((a, b) => b.name.length - a.name.length);
const WORKPLACE_PATTERN = new RegExp(WORKPLACES.map(({ name }) => name).join('|'), 'g');
const WORKPLACE_UNIT = new Map(WORKPLACES.map(({ name, unit }) => [name, unit]));
const TOWNSHIP_NAME = /[\u4e00-\u9fa5]{1,4}(?:镇|乡|街道)(?!长|政府|党委|干部)/;

/**
 * Officials accused of misconduct: a position named in a sentence that also names misconduct
 * (受贿, 优亲厚友, 打人) or that accuses (举报…). A bare 主任 or 负责人 counts only with a public
 * workplace before it, so that a company's manager is not taken for an official.
 */
function accusedOfficialsIn(text: string, place: PlaceNames, inTitle: boolean): AccusedOfficial[] {
  const found: AccusedOfficial[] = [];
  for (const sentence of text.split(SENTENCE)) {
    const accusing =
      [...MISCONDUCT_TERMS, ...ACCUSING_TERMS].some((term) => sentence.includes(term)) ||
      MISCONDUCT_PATTERNS.some((pattern) => pattern.test(sentence));
    if (!accusing) continue;
    for (const match of sentence.matchAll(POSITION_PATTERN)) {
      const position = match[0];
      const clauseStart = Math.max(
        sentence.lastIndexOf('，', match.index),
        sentence.lastIndexOf(',', match.index),
        match.index - WORKPLACE_WINDOW,
      );
      const before = sentence.slice(Math.max(0, clauseStart + 1), match.index);
      const workplace = workplaceIn(before, place);
      const unit = workplace?.unit ?? levelled(POSITION_UNIT.get(position), before, place);
      if (!unit) continue;
      const key = `${position}|${unit.kind}|${(unit.categories ?? []).join()}|${unit.level}`;
      if (
        found.some(
          (o) =>
            `${o.position}|${o.unit?.kind}|${(o.unit?.categories ?? []).join()}|${o.unit?.level}` ===
            key,
        )
      )
        continue;
      found.push({
        position,
        asWritten: `${workplace ? before.slice(workplace.at) : ''}${position}`,
        unit,
        inTitle,
      });
    }
  }
  return found;
}

// Between a workplace and the position: a few characters, and no verb or preposition that would
// make the workplace the actor (纪委查一下这个校长) rather than the official's employer.
const WORKPLACE_GAP = /^[^查请向让叫要被给对把跟和与说找到在是了去来]{0,6}$/;

/** The nearest workplace named right before a position, with its level. */
function workplaceIn(
  before: string,
  place: PlaceNames,
): { unit: OfficialUnit & { level: UnitLevel }; at: number } | null {
  let nearest: { name: string; index: number } | null = null;
  for (const match of before.matchAll(WORKPLACE_PATTERN)) {
    nearest = { name: match[0], index: match.index };
  }
  if (nearest && !WORKPLACE_GAP.test(before.slice(nearest.index + nearest.name.length))) {
    nearest = null;
  }
  if (nearest) {
    const unit = WORKPLACE_UNIT.get(nearest.name);
    const levelledUnit = levelled(unit, before.slice(0, nearest.index), place, nearest.name);
    return levelledUnit ? { unit: levelledUnit, at: nearest.index } : null;
  }
  const township = TOWNSHIP_NAME.exec(before);
  return township ? { unit: { kind: 'GOVERNMENT', level: 'TOWNSHIP' }, at: township.index } : null;
}

function levelled(
  unit: OfficialUnit | undefined,
  before: string,
  place: PlaceNames,
  name = '',
): (OfficialUnit & { level: UnitLevel }) | null {
  if (!unit) return null;
  return { ...unit, level: unit.level ?? levelOf(before, name, place) };
}

/**
 * The level of a named unit from the words before it: the prefecture's or the county's name, or a
 * bare 市, which is the prefecture unless the county is itself a city.
 */
function levelOf(before: string, name: string, place: PlaceNames): UnitLevel {
  const lead = /^[区县市]/.test(name) ? name.charAt(0) : '';
  const text = before.slice(-LEVEL_WINDOW) + lead;
  if (place.prefecture && text.endsWith(place.prefecture)) return 'PREFECTURE';
  if (place.county && text.endsWith(place.county)) return 'COUNTY';
  if (text.endsWith('市') || CITY_BODY.test(text)) {
    return place.countyIsCity ? 'COUNTY' : 'PREFECTURE';
  }
  return 'COUNTY';
}

// 市第一人民医院, 市中心医院, 市属: 市 and a few characters of the body's own name before the unit.
const CITY_BODY = /(?<![超城菜集门夜股楼])市(?:第[一二三四五六七八九十]+|中心|人民|属)+$/;

function prefectureBodyIn(text: string, place: PlaceNames): string | null {
  for (const pattern of PREFECTURE_BODY_PATTERNS) {
    const found = pattern.exec(text)?.[0];
    // In a county-level city a bare 市 is the county's own.
    if (found && (!place.countyIsCity || found.includes(place.prefecture ?? '遂宁市')))
      return found;
  }
  return null;
}

function countyBodyIn(text: string, place: PlaceNames): string | null {
  const found = COUNTY_BODY_PATTERN.exec(text)?.[0];
  if (found) return found;
  // In a county-level city, 射洪市人民医院 and a bare 市人民医院 are the county's own.
  return place.countyIsCity ? (/市(?:人民|中医|妇幼)医院/.exec(text)?.[0] ?? null) : null;
}

/** The channel whose phrases weigh most; a plain lawsuit when none is found. */
export function legalChannelOf(text: string): MatterReading['legalChannel'] {
  const normalised = normalise(text);
  let best: MatterReading['legalChannel'] = { channel: 'LAWSUIT', evidence: [] };
  let top = 0;
  for (const rule of LEGAL_CHANNEL_RULES) {
    const evidence = Object.keys(rule.terms).filter((term) => normalised.includes(term));
    const score = evidence.reduce((sum, term) => sum + (rule.terms[term] ?? 0), 0);
    if (score > top) {
      top = score;
      best = { channel: rule.channel, evidence };
    }
  }
  return best;
}
