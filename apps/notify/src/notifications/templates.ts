import { z } from 'zod';
import { CaseStages, chinaDateOf, DeadlineKinds, type DeadlineKind } from '#common';

/** The languages notices are written in; Chinese first, English for whoever asks for it. */
export const Locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof Locales)[number];

/** A value that reads differently in each language: a date, the name of a time limit. */
type Localized = Record<Locale, string>;

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026年12月7日`: the China calendar day of an instant, as people write it. */
export function chinaDayText(instant: Date): string {
  const [year, month, day] = chinaDateOf(instant).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** `7 December 2026`: the same China calendar day, in English. */
function englishDayText(instant: Date): string {
  const [year, month, day] = chinaDateOf(instant).split('-').map(Number);
  return `${day} ${EN_MONTHS[(month ?? 1) - 1]} ${year}`;
}

const caseNo = z.string().regex(/^XF-\d{6}-\d{8}-\d{6}$/);
const count = z.string().regex(/^\d{1,4}$/);
const day = z.iso.datetime({ offset: true }).transform((iso): Localized => ({
  'zh-CN': chinaDayText(new Date(iso)),
  en: englishDayText(new Date(iso)),
}));
const unitName = z.string().min(1).max(40);
/** Each legal time limit as staff name it. */
const DEADLINE_NAMES = {
  FORWARD: { 'zh-CN': '转送交办', en: 'forwarding' },
  ACCEPTANCE: { 'zh-CN': '受理', en: 'acceptance' },
  CONCLUSION: { 'zh-CN': '办结', en: 'conclusion' },
  REVIEW: { 'zh-CN': '复查', en: 'review' },
  RE_REVIEW: { 'zh-CN': '复核', en: 're-review' },
  REPORT_BACK: { 'zh-CN': '报告办理结果', en: 'report-back' },
  SUPERVISION_ANSWER: { 'zh-CN': '督办回复', en: 'supervision answer' },
} as const satisfies Record<DeadlineKind, Localized>;
const deadlineKind = z.enum(DeadlineKinds).transform((kind): Localized => DEADLINE_NAMES[kind]);
/** The written opinion that ends each stage (处理意见 → 复查意见 → 复核意见). */
const OPINIONS = {
  HANDLING: { 'zh-CN': '处理意见', en: 'handling opinion' },
  REVIEW: { 'zh-CN': '复查意见', en: 'review opinion' },
  RE_REVIEW: { 'zh-CN': '复核意见', en: 're-review opinion' },
} as const satisfies Record<(typeof CaseStages)[number], Localized>;
const opinion = z.enum(CaseStages).transform((stage): Localized => OPINIONS[stage]);
/**
 * What the petitioner may do next after each opinion, and within which time (信访工作条例
 * 第三十五、三十六条); nothing after the re-review, which is final.
 */
const NEXT_STEP: Record<string, string> = {
  [OPINIONS.HANDLING['zh-CN']]: '如不服，可自收到书面答复之日起30日内请求复查。',
  [OPINIONS.REVIEW['zh-CN']]: '如不服，可自收到书面意见之日起30日内请求复核。',
  [OPINIONS.HANDLING.en]: ' Disagree? Ask for review in 30 days.',
  [OPINIONS.REVIEW.en]: ' Disagree? Ask for re-review in 30 days.',
};

/** The variables as a text shows them: localized values in the recipient's language. */
type Shown<V> = { [K in keyof V]: V[K] extends Localized ? string : V[K] };

interface Wording<V> {
  subject: (v: V) => string;
  text: (v: V) => string;
}

/** Who reads a template: units and their staff (email, SMS, inbox), or petitioners (SMS). */
type Audience = 'UNIT' | 'PETITIONER';

interface TemplateSpec<A extends Audience, V extends z.ZodRawShape, K extends keyof V> {
  audience: A;
  /** The values the text is made of: ids, codes, dates, as strings. */
  variables: V;
  /** Those added only when sending, never stored with the notification (the query code). */
  secrets?: readonly K[];
  'zh-CN': Wording<Shown<z.output<z.ZodObject<V>>>>;
  en: Wording<Shown<z.output<z.ZodObject<V>>>>;
}

const template = <A extends Audience, V extends z.ZodRawShape, K extends keyof V = never>(
  spec: TemplateSpec<A, V, K>,
) => spec;

/**
 * Every message notify sends, in Chinese and in English, rendered when it is sent in the
 * recipient's language (units and petitioners read Chinese; a duty roster entry may ask for
 * English). Petitioners' texts are SMS: two UCS-2 parts at most (134 characters) in either
 * language, checked by the tests with the longest values.
 */
export const TEMPLATES = {
  'assignment.created': template({
    audience: 'UNIT',
    variables: { caseNo, dueAt: day },
    'zh-CN': {
      subject: (v) => `新交办信访事项 ${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}已交你单位办理，时限至${v.dueAt}，请登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `New petition assigned: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} was assigned to your unit, due ${v.dueAt}. See the petition platform.`,
    },
  }),
  'assignment.co-handler': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `协办信访事项 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}请你单位协助办理，请配合主办单位在时限内提出意见，登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `Petition to co-handle: ${v.caseNo}`,
      text: (v) =>
        `Your unit is asked to co-handle petition ${v.caseNo}: give the leading unit your opinion in time. See the petition platform.`,
    },
  }),
  'supervision.issued': template({
    audience: 'UNIT',
    variables: { caseNo, answerDueAt: day },
    'zh-CN': {
      subject: (v) => `督办通知 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}已列入督办，请于${v.answerDueAt}前书面回复办理情况，登录信访工作平台查看督办要求。`,
    },
    en: {
      subject: (v) => `Supervision notice: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} is under supervision. Answer in writing by ${v.answerDueAt}; see the requirements on the petition platform.`,
    },
  }),
  'deadline.due-soon': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    'zh-CN': {
      subject: (v) => `${v.kind}期限临近 ${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}的${v.kind}期限将于${v.dueAt}届满，请抓紧办理。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit is near: ${v.caseNo}`,
      text: (v) => `The ${v.kind} time limit of petition ${v.caseNo} ends on ${v.dueAt}.`,
    },
  }),
  'deadline.due-today': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    'zh-CN': {
      subject: (v) => `${v.kind}期限今日届满 ${v.caseNo}`,
      text: (v) => `信访事项${v.caseNo}的${v.kind}期限今日（${v.dueAt}）届满，请今日内办理完毕。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit ends today: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo} ends today (${v.dueAt}); finish it today.`,
    },
  }),
  'deadline.overdue': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    'zh-CN': {
      subject: (v) => `${v.kind}已逾期 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}的${v.kind}期限已于${v.dueAt}届满，现已逾期并报送督办，请立即办理。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit has passed: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo} ended on ${v.dueAt}; it is overdue and under supervision. Act now.`,
    },
  }),
  'deadline.still-overdue': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day, days: count },
    'zh-CN': {
      subject: (v) => `${v.kind}逾期${v.days}日 ${v.caseNo}`,
      text: (v) =>
        `信访事项${v.caseNo}的${v.kind}期限已于${v.dueAt}届满，已逾期${v.days}日，请立即办理并说明逾期原因。`,
    },
    en: {
      subject: (v) => `The ${v.kind} time limit is ${v.days} days overdue: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo} ended on ${v.dueAt}, ${v.days} days ago. Act now and explain the delay.`,
    },
  }),
  'deadline.overdue-leader': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day, unitName },
    'zh-CN': {
      subject: (v) => `本单位信访事项逾期 ${v.caseNo}`,
      text: (v) =>
        `${v.unitName}办理的信访事项${v.caseNo}${v.kind}期限已于${v.dueAt}届满并逾期，已报送督办，请单位负责人督促办理。`,
    },
    en: {
      subject: (v) => `Your unit let a time limit pass: ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo}, held by ${v.unitName}, ended on ${v.dueAt} and is under supervision. Please see that it is handled.`,
    },
  }),
  'deadline.overdue-bureau': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day, unitName },
    'zh-CN': {
      subject: (v) => `督办：${v.unitName}逾期 ${v.caseNo}`,
      text: (v) =>
        `${v.unitName}办理的信访事项${v.caseNo}${v.kind}期限已于${v.dueAt}届满并逾期，请依职责督查督办。`,
    },
    en: {
      subject: (v) => `To supervise: ${v.unitName} is overdue on ${v.caseNo}`,
      text: (v) =>
        `The ${v.kind} time limit of petition ${v.caseNo}, held by ${v.unitName}, ended on ${v.dueAt}. Please supervise it.`,
    },
  }),
  'petition.repeated': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `重复信访 ${v.caseNo}`,
      text: (v) => `信访人就你单位办理的信访事项${v.caseNo}再次来信来访，请登录信访工作平台查看。`,
    },
    en: {
      subject: (v) => `Repeat petition: ${v.caseNo}`,
      text: (v) =>
        `The petitioner came again about petition ${v.caseNo}, which your unit handles. See the petition platform.`,
    },
  }),
  'hotspot.raised': template({
    audience: 'UNIT',
    variables: { cases: count, hotspotId: z.uuid().optional() },
    'zh-CN': {
      subject: (v) => `热点问题预警（${v.cases}件）`,
      text: (v) =>
        `${v.cases}件信访事项反映同一问题，已列为热点问题${v.hotspotId ? `（编号${v.hotspotId}）` : ''}，请统筹研判、一并处理。`,
    },
    en: {
      subject: (v) => `Hotspot warning (${v.cases} petitions)`,
      text: (v) =>
        `${v.cases} petitions raise the same problem and form a hotspot${v.hotspotId ? ` (${v.hotspotId})` : ''}; assess and handle them together.`,
    },
  }),
  'petition.collective': template({
    audience: 'UNIT',
    variables: { cases: count },
    'zh-CN': {
      subject: () => '集体信访预警',
      text: (v) => `收到集体信访事项${v.cases}件（5人以上），请及时研判处置。`,
    },
    en: {
      subject: () => 'Collective petition warning',
      text: (v) =>
        `${v.cases} collective petition(s) (5 or more people) came in; assess and act promptly.`,
    },
  }),
  'urgent.collective': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `【紧急】集体信访 ${v.caseNo}`,
      text: (v) =>
        `【紧急】收到集体信访${v.caseNo}，请值班领导立即研判处置，并登录信访工作平台确认收到。`,
    },
    en: {
      subject: (v) => `URGENT: collective petition ${v.caseNo}`,
      text: (v) =>
        `URGENT: collective petition ${v.caseNo} came in. Duty leader, act now and acknowledge on the petition platform.`,
    },
  }),
  'urgent.hotspot': template({
    audience: 'UNIT',
    variables: { caseNo, cases: count },
    'zh-CN': {
      subject: (v) => `【紧急】热点问题（${v.cases}件）`,
      text: (v) =>
        `【紧急】${v.cases}件信访事项（${v.caseNo}等）反映同一问题，已形成热点，请值班领导立即研判处置，并登录信访工作平台确认收到。`,
    },
    en: {
      subject: (v) => `URGENT: hotspot of ${v.cases} petitions`,
      text: (v) =>
        `URGENT: ${v.cases} petitions (${v.caseNo} and others) raise one problem. Duty leader, act now and acknowledge on the petition platform.`,
    },
  }),
  'urgent.case': template({
    audience: 'UNIT',
    variables: { caseNo },
    'zh-CN': {
      subject: (v) => `【紧急】信访事项 ${v.caseNo}`,
      text: (v) =>
        `【紧急】信访事项${v.caseNo}已被标记为紧急，请值班领导立即处置，并登录信访工作平台确认收到。`,
    },
    en: {
      subject: (v) => `URGENT: petition ${v.caseNo}`,
      text: (v) =>
        `URGENT: petition ${v.caseNo} was flagged urgent. Duty leader, act now and acknowledge on the petition platform.`,
    },
  }),
  'petition.receipt': template({
    audience: 'PETITIONER',
    variables: { caseNo, queryCode: z.string().regex(/^[0-9A-Z]{10}$/) },
    secrets: ['queryCode'],
    'zh-CN': {
      subject: (v) => `信访事项已登记 ${v.caseNo}`,
      text: (v) =>
        `您的信访事项已登记，编号${v.caseNo}，查询码${v.queryCode}。凭编号和查询码可在网上查询办理进展，请妥善保管。`,
    },
    en: {
      subject: (v) => `Petition registered: ${v.caseNo}`,
      text: (v) =>
        `Petition registered: case ${v.caseNo}, query code ${v.queryCode}. Use both to follow it online; keep them safe.`,
    },
  }),
  'case.assigned': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    'zh-CN': {
      subject: (v) => `信访事项去向 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}已转交${v.unitName}办理，可凭查询码查询进展。`,
    },
    en: {
      subject: (v) => `Where your petition went: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} is now handled by ${v.unitName}; follow it with your query code.`,
    },
  }),
  'case.accepted': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    'zh-CN': {
      subject: (v) => `信访事项已受理 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}已由${v.unitName}受理，将依法在规定期限内办结。`,
    },
    en: {
      subject: (v) => `Petition accepted: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} accepted by ${v.unitName}, to be concluded within the legal limit.`,
    },
  }),
  'case.declined': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    'zh-CN': {
      subject: (v) => `信访事项不予受理 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}，${v.unitName}决定不予受理，理由详见书面告知。`,
    },
    en: {
      subject: (v) => `Petition not accepted: ${v.caseNo}`,
      text: (v) =>
        `Petition ${v.caseNo} was not accepted by ${v.unitName}; the written notice gives the reason.`,
    },
  }),
  'case.concluded': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName, stage: opinion },
    'zh-CN': {
      subject: (v) => `信访事项已出具${v.stage} ${v.caseNo}`,
      text: (v) =>
        `您的信访事项${v.caseNo}，${v.unitName}已出具${v.stage}，请注意查收。${NEXT_STEP[v.stage] ?? ''}`,
    },
    en: {
      subject: (v) => `The ${v.stage} is ready: ${v.caseNo}`,
      text: (v) => `${v.caseNo}: ${v.unitName} issued its ${v.stage}.${NEXT_STEP[v.stage] ?? ''}`,
    },
  }),
  'case.extended': template({
    audience: 'PETITIONER',
    variables: { caseNo, days: count, dueAt: day },
    'zh-CN': {
      subject: (v) => `信访事项延期办理 ${v.caseNo}`,
      text: (v) => `您的信访事项${v.caseNo}办理期限延长${v.days}日，至${v.dueAt}。`,
    },
    en: {
      subject: (v) => `Time limit extended: ${v.caseNo}`,
      text: (v) =>
        `The time limit of petition ${v.caseNo} was extended by ${v.days} days, to ${v.dueAt}.`,
    },
  }),
};

export type TemplateName = keyof typeof TEMPLATES;

/** The templates addressed to units (and their staff), or to petitioners. */
export type TemplateFor<A extends Audience> = {
  [N in TemplateName]: (typeof TEMPLATES)[N]['audience'] extends A ? N : never;
}[TemplateName];

type Spec<N extends TemplateName> = (typeof TEMPLATES)[N];

/** What an emitter passes: the variables of the template that are stored, as strings. */
export type TemplateVariables<N extends TemplateName> = Omit<
  z.input<z.ZodObject<Spec<N>['variables']>>,
  NonNullable<Spec<N>['secrets']>[number]
>;

export interface RenderedMessage {
  subject: string;
  text: string;
  /** Each variable as shown in the text, for cloud SMS templates that take parameters. */
  params: Record<string, string>;
}

/** A template name or variables that do not fit: a programming error, not a delivery failure. */
export class TemplateError extends Error {}

type Format = (v: Record<string, string | undefined>) => string;

/** A template seen from outside its types: variables come from storage, checked at run time. */
interface StoredSpec {
  variables: z.ZodRawShape;
  secrets?: readonly string[];
  'zh-CN': { subject: unknown; text: unknown };
  en: { subject: unknown; text: unknown };
}

function specOf(name: string): StoredSpec {
  if (!Object.hasOwn(TEMPLATES, name)) throw new TemplateError(`unknown template ${name}`);
  return TEMPLATES[name as TemplateName];
}

/** Checks what an emitter is about to store, so a bad notice fails where it is made. */
export function checkVariables(name: string, variables: Record<string, string>): void {
  const spec = specOf(name);
  const stored = Object.fromEntries(
    Object.entries(spec.variables).filter(([key]) => !spec.secrets?.includes(key)),
  );
  const result = z.strictObject(stored).safeParse(variables);
  if (!result.success) throw new TemplateError(`variables of ${name}: ${result.error.message}`);
}

/** The templates whose text needs a secret added at send time. */
export function secretsOf(name: string): readonly string[] {
  return specOf(name).secrets ?? [];
}

/** A stored template's subject and text in a language, with its variables as shown there. */
export function render(
  name: string,
  variables: Record<string, string>,
  secrets: Record<string, string> = {},
  locale: Locale = 'zh-CN',
): RenderedMessage {
  const spec = specOf(name);
  const result = z.strictObject(spec.variables).safeParse({ ...variables, ...secrets });
  if (!result.success) throw new TemplateError(`variables of ${name}: ${result.error.message}`);
  const shown = Object.fromEntries(
    Object.entries(result.data as Record<string, string | Localized | undefined>).map(
      ([key, value]) => [key, typeof value === 'object' ? value[locale] : value],
    ),
  );
  const params = Object.fromEntries(
    Object.entries(shown).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const wording = spec[locale];
  return {
    subject: (wording.subject as Format)(shown),
    text: (wording.text as Format)(shown),
    params,
  };
}
