import type { Category, UnitKind, UnitLevel } from '#common';

/**
 * What the routing rules read in a petition besides its category: who is accused, which units it
 * complains about, whether a court already has the matter. As data, like the category terms, so a
 * petition bureau can check and amend them. Matched on the NFKC-normalised text, not on jieba words:
 * these are phrases (过了上诉期, 迟迟不处理) that jieba would cut apart.
 */

/**
 * Leaders of a county-level body (县处级: county and district heads, county party secretaries, heads
 * of county bureaus and courts). The prefecture's discipline commission supervises them
 * (干部管理权限), so an accusation against one goes there rather than to the county's.
 * The body must be named before the title (区住建局局长), so that a township party secretary
 * (镇党委书记) or a section head under a bureau (质监站站长) does not count.
 */
export const COUNTY_LEADER_PATTERNS: readonly RegExp[] = [
  // 县长, 副区长, 常务副县长, 市长 of a county-level city; not 小区长期, 超市长途, 市长热线.
  /(?<![小社园超城菜集门])(?:常务)?副?(?:县|区|市)长(?![期久大达年时热信公专途])/,
  // 县委书记, 区委副书记, 县委常委, 县纪委书记.
  /(?<![小社园超城菜集门])[县区市](?:纪)?委(?:副)?(?:书记|常委)/,
  // 县人大常委会主任, 区政协副主席.
  /[县区市](?:人大(?:常委会)?(?:副)?主任|政协(?:副)?主席)/,
  // 区住建局局长, 县发改委主任, 射洪市教育局党组书记; no township, village, section or owners'
  // committee (业委会) in between.
  /(?<![小社园超城菜集门])[县区市][^，。；、\n镇乡村街站所科股队组业中心]{0,10}?(?:局|委员会|委|办)(?:党组|党委)?(?:一名?|一位|某|[\u4e00-\u9fa5]?姓)?(?:副)?(?:局长|主任|书记|党组书记)/,
  // 县法院院长, 区检察院检察长.
  /[县区市](?:人民)?(?:法院|检察院)(?:一名?|一位|某)?(?:副)?(?:院长|检察长)/,
];

/**
 * A body of the prefecture named by its own words (市中心医院, 原市第二棉纺厂, 遂宁市第一中学): a
 * matter of the prefecture's level. A bare 市 counts only at the start of a phrase, so that
 * 射洪市人民医院 (a county-level city's) and 在市中心 do not.
 */
const CITY = String.raw`(?:遂宁市|(?:^|[^\u4e00-\u9fa5]|[原在到去找向了的和与问请议让叫喊被是由说把对跟及等坐乘搭])市)`;
export const PREFECTURE_BODY_PATTERNS: readonly RegExp[] = [
  new RegExp(
    String.raw`${CITY}(?:第[一二三四五六七八九十]+|中心|人民|中医|妇幼|属|直|级)[^，。；、\s]{0,6}?(?:医院|中学|小学|学校|厂|公司|集团|站|所|中心|企业)`,
  ),
  // The city's own services and bodies, which no county runs: 市公交集团, 市殡仪馆, 市本级社保, 市属.
  new RegExp(
    String.raw`${CITY}(?:中医院|公交|殡仪馆|社会福利院|福利院|住房公积金(?:管理)?中心|公积金中心|车管所|社保中心|社会保险事务中心|社会保险事业管理局|住房保障|本级|直属|属)`,
  ),
  // A former enterprise of the city (原遂宁化肥厂, 原遂宁市丝绸公司): its legacy is the city's.
  /原遂宁市?[^，。；、\s]{1,6}?(?:厂|公司)/,
];

/**
 * A body of the county named by its own words (大英县人民医院, 区中医院, 镇卫生院): where it is
 * named, a prefecture's body named beside it (转到市中心医院) does not settle the level.
 */
export const COUNTY_BODY_PATTERN =
  /[县区](?:第[一二三四五六七八九十]+|人民|中医|妇幼|实验)?(?:医院|中医院|中学|小学)|[镇乡]卫生院/;
/** A case at its second instance: the model weighs it for the level, the rules do not decide. */
export const SECOND_INSTANCE_TERMS: readonly string[] = ['二审', '终审', '中院', '中级人民法院'];

/** Words that make a sentence an accusation, so that an official named there is the accused. */
export const ACCUSING_TERMS: readonly string[] = [
  '举报',
  '检举',
  '控告',
  '揭发',
  '贪污',
  '受贿',
  '收受',
  '索要',
  '挪用',
  '侵占',
  '干预',
  '谋利',
  '以权谋私',
  '滥用职权',
  '吃拿卡要',
  '好处',
];

/** A unit of the directory, named the way petitioners name it (住建局, 街道办, 镇上). */
export interface UnitAlias {
  kind: UnitKind;
  /** For departments: the categories the unit leads on, which identify it. */
  categories?: readonly Category[];
  /** When the name itself says the level (镇政府 is a township's, 中院 a prefecture's). */
  level?: UnitLevel;
  names: readonly string[];
}

export const UNIT_ALIASES: readonly UnitAlias[] = [
  {
    kind: 'DEPARTMENT',
    categories: ['URBAN_RURAL_CONSTRUCTION', 'HOUSING', 'PROPERTY_MANAGEMENT'],
    names: [
      '住房和城乡建设局',
      '住房城乡建设局',
      '住建局',
      '住建委',
      '住建部门',
      '建设局',
      '房管局',
      '房管部门',
      '城管局',
      '综合执法局',
    ],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['LAND_AND_RESOURCES'],
    names: ['自然资源和规划局', '自然资源局', '自然资源部门', '国土局', '国土部门', '规划局'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['AGRICULTURE_RURAL'],
    names: ['农业农村局', '农业局', '农业农村部门', '农业部门'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['LABOR_SOCIAL_SECURITY'],
    names: [
      '人力资源和社会保障局',
      '人社局',
      '人社部门',
      '劳动部门',
      '劳动监察大队',
      '社保局',
      '社保中心',
    ],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['FINANCE'],
    names: ['地方金融管理局', '金融管理局', '金融局', '金融办', '金融工作局'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['ECOLOGY_ENVIRONMENT'],
    names: ['生态环境局', '环保局', '环保部门', '生态环境部门'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['ENTERPRISE_RESTRUCTURING'],
    names: ['国有资产监督管理局', '国资委', '国资局', '国资部门'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['EDUCATION'],
    names: ['教育和体育局', '教育局', '教体局', '教育部门'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['HEALTH'],
    names: ['卫生健康局', '卫健局', '卫健委', '卫生局', '卫生部门', '卫健部门'],
  },
  { kind: 'DEPARTMENT', categories: ['CIVIL_AFFAIRS'], names: ['民政局', '民政部门'] },
  {
    kind: 'DEPARTMENT',
    categories: ['VETERANS'],
    names: ['退役军人事务局', '退役军人局', '退役军人事务部门'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['MARKET_REGULATION'],
    names: ['市场监督管理局', '市场监管局', '市监局', '市场监管部门', '工商局'],
  },
  {
    kind: 'DEPARTMENT',
    categories: ['TRANSPORT'],
    names: ['交通运输局', '交通局', '运管所', '交通运输部门', '交通部门'],
  },
  { kind: 'DEPARTMENT', categories: ['PUBLIC_SECURITY'], names: ['公安局', '公安分局'] },
  { kind: 'PETITION_BUREAU', names: ['信访局', '信访办'] },
  { kind: 'DISCIPLINE', names: ['纪委监委', '纪委', '监委'] },
  { kind: 'POLITICAL_LEGAL', names: ['政法委'] },
  { kind: 'COURT', level: 'PREFECTURE', names: ['中级人民法院', '中院'] },
  {
    kind: 'GOVERNMENT',
    level: 'TOWNSHIP',
    names: [
      '镇人民政府',
      '乡人民政府',
      '镇政府',
      '乡政府',
      '街道办事处',
      '街道办',
      '镇党委',
      '乡党委',
      '镇上',
      '乡上',
      '镇里',
      '乡里',
    ],
  },
  { kind: 'GOVERNMENT', names: ['区政府', '县政府', '市政府', '区人民政府', '县人民政府'] },
];

/**
 * What a petitioner says of a unit they complain about, right after naming it (住建局迟迟不处理,
 * 镇上说不归他们管). Not 违法 or 违规: "请住建局对违规建筑依法查处" asks the unit to act.
 */
export const COMPLAINT_TERMS: readonly string[] = [
  '不作为',
  '乱作为',
  '慢作为',
  '推诿',
  '扯皮',
  '踢皮球',
  '不履职',
  '不履行职责',
  '失职',
  '渎职',
  '不管',
  '不归',
  '不处理',
  '不予处理',
  '迟迟不',
  '至今未',
  '未作出',
  '未作',
  '不答复',
  '不予答复',
  '没有答复',
  '不予理睬',
  '敷衍',
  '刁难',
  '包庇',
  '纵容',
  '偏袒',
  '串通',
  '态度恶劣',
  '态度蛮横',
  '置之不理',
  '不闻不问',
  '久拖不决',
  '拖着不办',
  '乱收费',
  '乱罚款',
  '滥用职权',
];

/**
 * Said before a unit that is complained about (举报住建局, 投诉街道办), unless the unit is where the
 * report went (举报到住建局, 向住建局举报).
 */
export const COMPLAINT_LEAD_TERMS: readonly string[] = ['举报', '投诉', '控告', '检举', '状告'];

/**
 * Signs that a court or the police already have the matter (诉访分离): then it belongs to the legal
 * channel even when its subject is, say, wages. Two different ones are needed; 法院 or 起诉 alone
 * is often only a threat.
 */
export const LEGAL_PROCEEDING_TERMS: readonly string[] = [
  '判决',
  '裁定',
  '调解书',
  '强制执行',
  '申请执行',
  '终结本次执行',
  '被执行人',
  '执行法官',
  '再审',
  '上诉',
  '一审',
  '二审',
  '开庭',
  '立案侦查',
  '不予立案',
];
export const LEGAL_PROCEEDINGS_NEEDED = 2;

/** The legal channel (法定途径) a petitioner is told to use for a matter in the courts' or police's hands. */
export const LegalChannels = [
  'ENFORCEMENT',
  'RETRIAL',
  'APPEAL',
  'FILING_SUPERVISION',
  'ADMINISTRATIVE_RECONSIDERATION',
  'LAWSUIT',
] as const;
export type LegalChannel = (typeof LegalChannels)[number];

export interface LegalChannelRule {
  channel: LegalChannel;
  /** Phrases and how strongly each points to this channel. */
  terms: Readonly<Record<string, number>>;
  /** What the petitioner is told (petitioner-visible timeline). */
  guidance: { zh: string; en: string };
}

/** The channels in order of precedence on a tie; LAWSUIT is the default when none matches. */
export const LEGAL_CHANNEL_RULES: readonly LegalChannelRule[] = [
  {
    channel: 'ENFORCEMENT',
    terms: {
      强制执行: 3,
      申请执行: 3,
      恢复执行: 3,
      终结本次执行: 3,
      执行难: 3,
      执行不了: 3,
      拒不执行: 3,
      被执行人: 3,
      执行法官: 3,
      执行款: 3,
      老赖: 2,
      未执行: 2,
      没有执行: 2,
      不执行: 2,
      查封: 1,
      冻结: 1,
    },
    guidance: {
      zh: '您反映的是生效法律文书的执行问题，属于涉法涉诉事项，依法应向执行法院申请执行、提出执行异议，或向上一级人民法院申请执行监督。',
      en: 'This concerns enforcing a binding judgment: apply to the enforcing court, object to its enforcement, or ask the higher court to supervise it.',
    },
  },
  {
    channel: 'RETRIAL',
    terms: {
      再审: 3,
      终审: 3,
      上诉期: 3,
      二审: 2,
      生效判决: 2,
      判决生效: 2,
      重新审理: 2,
      检察监督: 2,
      抗诉: 3,
    },
    guidance: {
      zh: '您对已经发生法律效力的判决、裁定不服，属于涉法涉诉事项，依法可向上一级人民法院申请再审，或向人民检察院申请监督。',
      en: 'You disagree with a final judgment or ruling: apply to the higher court for a retrial, or ask the procuratorate to supervise it.',
    },
  },
  {
    channel: 'APPEAL',
    terms: { 一审: 3, 上诉: 2, 不服判决: 2, 不服一审: 3 },
    guidance: {
      zh: '您对一审判决、裁定不服，属于涉法涉诉事项，依法应在上诉期限内向上一级人民法院提起上诉。',
      en: 'You disagree with a first-instance judgment: appeal to the higher court within the appeal period.',
    },
  },
  {
    channel: 'FILING_SUPERVISION',
    terms: { 不予立案: 3, 不立案: 3, 没有立案: 3, 未立案: 3, 撤案: 3, 立案侦查: 2, 报案: 1 },
    guidance: {
      zh: '您对公安机关不予立案的决定不服，属于涉法涉诉事项，依法可向作出决定的公安机关申请复议、复核，或请求人民检察院进行立案监督。',
      en: "You disagree with the police's refusal to open a case: ask that police body to reconsider, or ask the procuratorate to supervise the decision.",
    },
  },
  {
    channel: 'ADMINISTRATIVE_RECONSIDERATION',
    terms: { 行政处罚: 3, 处罚决定: 3, 行政复议: 3, 行政诉讼: 3, 行政拘留: 2, 吊销: 2, 罚款: 1 },
    guidance: {
      zh: '您对行政机关作出的处罚或决定不服，属于涉法涉诉事项，依法可申请行政复议或提起行政诉讼。',
      en: "You disagree with an authority's penalty or decision: apply for administrative reconsideration or bring an administrative lawsuit.",
    },
  },
  {
    channel: 'LAWSUIT',
    terms: { 起诉: 2, 诉讼: 2, 纠纷: 1 },
    guidance: {
      zh: '您反映的事项属于涉法涉诉事项，依法应通过向人民法院提起诉讼等法律途径解决。',
      en: 'This matter belongs before the courts: bring a lawsuit or use another legal procedure.',
    },
  },
];

/** Where an official works, as the directory knows it: the unit a position or workplace implies. */
export interface OfficialUnit {
  kind: UnitKind;
  categories?: readonly Category[];
  /** A village or township body answers to the township government (村两委, 镇干部). */
  level?: UnitLevel;
}

const POLICE: OfficialUnit = { kind: 'DEPARTMENT', categories: ['PUBLIC_SECURITY'] };
const CITY_MANAGEMENT: OfficialUnit = {
  kind: 'DEPARTMENT',
  categories: ['URBAN_RURAL_CONSTRUCTION', 'HOUSING', 'PROPERTY_MANAGEMENT'],
};
const TOWNSHIP: OfficialUnit = { kind: 'GOVERNMENT', level: 'TOWNSHIP' };
const SCHOOLS: OfficialUnit = { kind: 'DEPARTMENT', categories: ['EDUCATION'] };
const HEALTH_SERVICE: OfficialUnit = { kind: 'DEPARTMENT', categories: ['HEALTH'] };

/**
 * Workplaces of officials that are not units of the directory, with the directory unit they belong
 * to (派出所 → 公安局) or that leads them (村委会 → 乡镇政府). Used only for an official's unit: a
 * complaint about a school's fees is not a complaint about the education bureau.
 */
export const OFFICIAL_WORKPLACES: readonly { unit: OfficialUnit; names: readonly string[] }[] = [
  {
    unit: POLICE,
    names: ['派出所', '交警大队', '交警队', '刑警大队', '刑警队', '治安大队', '公安'],
  },
  {
    unit: CITY_MANAGEMENT,
    names: ['城管执法大队', '城管大队', '城管中队', '执法大队', '执法中队', '综合执法', '城管'],
  },
  { unit: { kind: 'DEPARTMENT', categories: ['HOUSING'] }, names: ['质监站', '房管所'] },
  {
    unit: { kind: 'DEPARTMENT', categories: ['LAND_AND_RESOURCES'] },
    names: ['国土所', '自然资源所'],
  },
  { unit: SCHOOLS, names: ['中心校', '小学', '中学', '学校', '幼儿园'] },
  { unit: HEALTH_SERVICE, names: ['卫生院', '医院'] },
  { unit: { kind: 'COURT' }, names: ['人民法院', '法院', '法庭'] },
  { unit: { kind: 'OTHER' }, names: ['人民检察院', '检察院'] },
  {
    unit: TOWNSHIP,
    names: ['村委会', '村两委', '村党支部', '村支部', '村委', '居委会', '社区', '村里', '村上'],
  },
];

/**
 * Public officials as petitioners name them (民警, 村支书, 副局长), each with the unit the position
 * itself implies when the text names none. Longer names first where one contains another.
 */
export const OFFICIAL_POSITIONS: readonly { unit?: OfficialUnit; names: readonly string[] }[] = [
  { unit: POLICE, names: ['民警', '辅警', '协警', '警察', '警官', '片警', '刑警', '交警'] },
  { unit: CITY_MANAGEMENT, names: ['城管队员', '城管人员', '执法队员', '执法人员'] },
  {
    unit: TOWNSHIP,
    names: [
      '村党支部书记',
      '村支部书记',
      '党支部书记',
      '支部书记',
      '村支书',
      '村书记',
      '村委会主任',
      '村主任',
      '村长',
      '村会计',
      '村文书',
      '报账员',
      '驻村干部',
      '村干部',
      '村民小组长',
      '小组长',
      '组长',
      '社长',
      '社区书记',
      '社区主任',
      '镇党委书记',
      '乡党委书记',
      '副镇长',
      '镇长',
      '副乡长',
      '乡长',
      '镇干部',
      '乡干部',
      '街道干部',
    ],
  },
  { unit: SCHOOLS, names: ['副校长', '校长', '园长', '教导主任'] },
  {
    names: [
      '副局长',
      '局长',
      '副科长',
      '科长',
      '股长',
      '站长',
      '所长',
      '副主任',
      '主任',
      '副书记',
      '书记',
      '大队长',
      '中队长',
      '队长',
      '副院长',
      '院长',
      '法官',
      '干警',
      '检察官',
      '公务员',
      '干部',
      '工作人员',
      '负责人',
    ],
  },
];

/**
 * Misconduct of an official in office (违纪违法): what makes naming an official an accusation for
 * discipline inspection rather than a complaint about a service. Not 刁难 or 态度: an unhelpful
 * clerk is a service complaint (the department's), not misconduct.
 */
export const MISCONDUCT_TERMS: readonly string[] = [
  '贪污',
  '受贿',
  '索贿',
  '贿赂',
  '行贿',
  '索要',
  '收受',
  '收钱',
  '红包',
  '好处费',
  '好处',
  '回扣',
  '礼金',
  '吃拿卡要',
  '挪用',
  '侵占',
  '截留',
  '克扣',
  '私分',
  '虚报',
  '冒领',
  '套取',
  '骗取',
  '优亲厚友',
  '以权谋私',
  '权钱交易',
  '滥用职权',
  '徇私',
  '包庇',
  '保护伞',
  '打人',
  '殴打',
  '威胁',
  '打击报复',
  '公款',
  '大吃大喝',
  '违规吃喝',
  '赌博',
  '弄虚作假',
  '违纪',
  '腐败',
  '敲诈',
  '勒索',
  '插手',
  '打麻将',
  '打牌',
  '吃空饷',
];

/** Misconduct written as a pattern: taking a fee or money (收跑路费, 收取赞助费, 收了钱). */
export const MISCONDUCT_PATTERNS: readonly RegExp[] = [/收(?:取|了)?[^，。；,]{0,8}(?:费|钱)/];
