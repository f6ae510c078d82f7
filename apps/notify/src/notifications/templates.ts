import { z } from 'zod';
import { CaseStages, chinaDateOf, DeadlineKinds, type DeadlineKind } from '#common';

/** `2026年12月7日`: the China calendar day of an instant, as people write it. */
export function chinaDayText(instant: Date): string {
  const [year, month, day] = chinaDateOf(instant).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

const caseNo = z.string().regex(/^XF-\d{6}-\d{8}-\d{6}$/);
const count = z.string().regex(/^\d{1,4}$/);
const day = z.iso.datetime({ offset: true }).transform((iso) => chinaDayText(new Date(iso)));
const unitName = z.string().min(1).max(40);
/** Each legal time limit as staff name it. */
const DEADLINE_NAMES = {
  FORWARD: '转送交办',
  ACCEPTANCE: '受理',
  CONCLUSION: '办结',
  REVIEW: '复查',
  RE_REVIEW: '复核',
  REPORT_BACK: '报告办理结果',
} as const satisfies Record<DeadlineKind, string>;
const deadlineKind = z.enum(DeadlineKinds).transform((kind) => DEADLINE_NAMES[kind]);
/** The written opinion that ends each stage (处理意见 → 复查意见 → 复核意见). */
const OPINIONS = { HANDLING: '处理意见', REVIEW: '复查意见', RE_REVIEW: '复核意见' } as const;
const opinion = z.enum(CaseStages).transform((stage) => OPINIONS[stage]);
/** What the petitioner may do next, and within which time (信访工作条例 第三十五、三十六条). */
const NEXT_STEP = {
  处理意见: '如不服，可自收到书面答复之日起30日内请求复查。',
  复查意见: '如不服，可自收到书面意见之日起30日内请求复核。',
  复核意见: '',
} as const;

interface TemplateSpec<A extends Audience, V extends z.ZodRawShape, K extends keyof V> {
  audience: A;
  /** The values the text is made of: ids, codes, dates, as strings. */
  variables: V;
  /** Those added only when sending, never stored with the notification (the query code). */
  secrets?: readonly K[];
  subject: (v: z.output<z.ZodObject<V>>) => string;
  text: (v: z.output<z.ZodObject<V>>) => string;
}

type Audience = 'UNIT' | 'PETITIONER';

const template = <A extends Audience, V extends z.ZodRawShape, K extends keyof V = never>(
  spec: TemplateSpec<A, V, K>,
) => spec;

/**
 * Every message notify sends, in Chinese, rendered when it is sent. Petitioners' texts are SMS:
 * two UCS-2 parts at most (134 characters), checked by the tests with the longest values.
 */
export const TEMPLATES = {
  'assignment.created': template({
    audience: 'UNIT',
    variables: { caseNo, dueAt: day },
    subject: (v) => `新交办信访事项 ${v.caseNo}`,
    text: (v) => `信访事项${v.caseNo}已交你单位办理，时限至${v.dueAt}，请登录信访工作平台查看。`,
  }),
  'assignment.co-handler': template({
    audience: 'UNIT',
    variables: { caseNo },
    subject: (v) => `协办信访事项 ${v.caseNo}`,
    text: (v) =>
      `信访事项${v.caseNo}请你单位协助办理，请配合主办单位在时限内提出意见，登录信访工作平台查看。`,
  }),
  'supervision.issued': template({
    audience: 'UNIT',
    variables: { caseNo, answerDueAt: day },
    subject: (v) => `督办通知 ${v.caseNo}`,
    text: (v) =>
      `信访事项${v.caseNo}已列入督办，请于${v.answerDueAt}前书面回复办理情况，登录信访工作平台查看督办要求。`,
  }),
  'deadline.due-soon': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    subject: (v) => `${v.kind}期限临近 ${v.caseNo}`,
    text: (v) => `信访事项${v.caseNo}的${v.kind}期限将于${v.dueAt}届满，请抓紧办理。`,
  }),
  'deadline.due-today': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    subject: (v) => `${v.kind}期限今日届满 ${v.caseNo}`,
    text: (v) => `信访事项${v.caseNo}的${v.kind}期限今日（${v.dueAt}）届满，请今日内办理完毕。`,
  }),
  'deadline.overdue': template({
    audience: 'UNIT',
    variables: { caseNo, kind: deadlineKind, dueAt: day },
    subject: (v) => `${v.kind}已逾期 ${v.caseNo}`,
    text: (v) =>
      `信访事项${v.caseNo}的${v.kind}期限已于${v.dueAt}届满，现已逾期并报送督办，请立即办理。`,
  }),
  'petition.repeated': template({
    audience: 'UNIT',
    variables: { caseNo },
    subject: (v) => `重复信访 ${v.caseNo}`,
    text: (v) => `信访人就你单位办理的信访事项${v.caseNo}再次来信来访，请登录信访工作平台查看。`,
  }),
  'hotspot.raised': template({
    audience: 'UNIT',
    variables: { cases: count, hotspotId: z.uuid().optional() },
    subject: (v) => `热点问题预警（${v.cases}件）`,
    text: (v) =>
      `${v.cases}件信访事项反映同一问题，已列为热点问题${v.hotspotId ? `（编号${v.hotspotId}）` : ''}，请统筹研判、一并处理。`,
  }),
  'petition.collective': template({
    audience: 'UNIT',
    variables: { cases: count },
    subject: () => '集体信访预警',
    text: (v) => `收到集体信访事项${v.cases}件（5人以上），请及时研判处置。`,
  }),
  'petition.receipt': template({
    audience: 'PETITIONER',
    variables: { caseNo, queryCode: z.string().regex(/^[0-9A-Z]{10}$/) },
    secrets: ['queryCode'],
    subject: (v) => `信访事项已登记 ${v.caseNo}`,
    text: (v) =>
      `您的信访事项已登记，编号${v.caseNo}，查询码${v.queryCode}。凭编号和查询码可在网上查询办理进展，请妥善保管。`,
  }),
  'case.assigned': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    subject: (v) => `信访事项去向 ${v.caseNo}`,
    text: (v) => `您的信访事项${v.caseNo}已转交${v.unitName}办理，可凭查询码查询进展。`,
  }),
  'case.accepted': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    subject: (v) => `信访事项已受理 ${v.caseNo}`,
    text: (v) => `您的信访事项${v.caseNo}已由${v.unitName}受理，将依法在规定期限内办结。`,
  }),
  'case.declined': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName },
    subject: (v) => `信访事项不予受理 ${v.caseNo}`,
    text: (v) => `您的信访事项${v.caseNo}，${v.unitName}决定不予受理，理由详见书面告知。`,
  }),
  'case.concluded': template({
    audience: 'PETITIONER',
    variables: { caseNo, unitName, stage: opinion },
    subject: (v) => `信访事项已出具${v.stage} ${v.caseNo}`,
    text: (v) =>
      `您的信访事项${v.caseNo}，${v.unitName}已出具${v.stage}，请注意查收。${NEXT_STEP[v.stage]}`,
  }),
  'case.extended': template({
    audience: 'PETITIONER',
    variables: { caseNo, days: count, dueAt: day },
    subject: (v) => `信访事项延期办理 ${v.caseNo}`,
    text: (v) => `您的信访事项${v.caseNo}办理期限延长${v.days}日，至${v.dueAt}。`,
  }),
};

export type TemplateName = keyof typeof TEMPLATES;

/** The templates addressed to units, or to petitioners. */
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

/** A template seen from outside its types: variables come from storage, checked at run time. */
interface StoredSpec {
  variables: z.ZodRawShape;
  secrets?: readonly string[];
  subject: (v: never) => string;
  text: (v: never) => string;
}
type Format = (v: Record<string, string | undefined>) => string;

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

export function render(
  name: string,
  variables: Record<string, string>,
  secrets: Record<string, string> = {},
): RenderedMessage {
  const spec = specOf(name);
  const result = z.strictObject(spec.variables).safeParse({ ...variables, ...secrets });
  if (!result.success) throw new TemplateError(`variables of ${name}: ${result.error.message}`);
  const values = result.data as Record<string, string | undefined>;
  const params = Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    subject: (spec.subject as Format)(values),
    text: (spec.text as Format)(values),
    params,
  };
}
