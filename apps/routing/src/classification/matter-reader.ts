import type { Category, UnitKind, UnitLevel } from '#common';
import {
  ACCUSING_TERMS,
  COMPLAINT_LEAD_TERMS,
  COMPLAINT_TERMS,
  COUNTY_LEADER_PATTERNS,
  LEGAL_CHANNEL_RULES,
  LEGAL_PROCEEDING_TERMS,
  type LegalChannel,
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

/** What the routing rules need from the text, besides nature and category. */
export interface MatterReading {
  /** The county-level leader an accusation names (副区长, 县教育局局长), as written. */
  accusedCountyLeader: string | null;
  mentions: UnitMention[];
  /** Steps the courts or police have already taken (判决, 强制执行). */
  legalProceedings: string[];
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
// Not across 到/给/向 (举报到住建局: where the report went) nor a colon (举报：… opens what is reported).
const COMPLAINT_LEAD = new RegExp(`(?:${COMPLAINT_LEAD_TERMS.join('|')})[^到给向至：:]{0,8}$`);

/**
 * Reads who and what a petition is about, for the routing rules (routing-policy.ts): phrase rules
 * from matter-terms.ts over title and content, clause by clause. Plain functions of the text;
 * cheap enough to run on every petition.
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
    return {
      accusedCountyLeader: accusedCountyLeader(titleText, contentText),
      mentions,
      legalProceedings: LEGAL_PROCEEDING_TERMS.filter((term) => whole.includes(term)),
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
          COMPLAINT_LEAD.test(before) ||
          COMPLAINT_TERMS.some((term) => after.includes(term)) ||
          (before.endsWith('对') && /不服|不满|不认可/.test(after)),
        inTitle,
      });
    }
  }
  return mentions;
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
  if (text.endsWith('市')) return place.countyIsCity ? 'COUNTY' : 'PREFECTURE';
  return 'COUNTY';
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
