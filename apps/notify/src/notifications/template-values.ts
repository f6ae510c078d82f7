import { z } from 'zod';
import {
  CASE_NO_PATTERN,
  chinaDateOf,
  DEADLINE_KIND_LABELS,
  DeadlineKinds,
  type DeadlineKind,
} from '#common';

/** The languages notices are written in; Chinese first, English for whoever asks for it. */
export const Locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof Locales)[number];

/** A value that reads differently in each language: a date, the name of a time limit. */
export type Localized = Record<Locale, string>;

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

const CASE_NO = CASE_NO_PATTERN.source.slice(1, -1); // without its anchors, to list several

export const caseNo = z.string().regex(CASE_NO_PATTERN);
export const count = z.string().regex(/^\d{1,4}$/);
/** Up to five case numbers, as a notice lists them (`XF-…、XF-…`). */
export const caseNos = z.string().regex(new RegExp(`^${CASE_NO}(、${CASE_NO}){0,4}(等)?$`));
export const day = z.iso.datetime({ offset: true }).transform((iso): Localized => ({
  'zh-CN': chinaDayText(new Date(iso)),
  en: englishDayText(new Date(iso)),
}));
export const unitName = z.string().min(1).max(40);
/** Each time limit as staff name it: the labels every service uses. */
const deadlineName = (kind: DeadlineKind): Localized => ({
  'zh-CN': DEADLINE_KIND_LABELS[kind].zh,
  en: DEADLINE_KIND_LABELS[kind].en,
});
export const deadlineKind = z.enum(DeadlineKinds).transform(deadlineName);

/** The variables as a text shows them: localized values in the recipient's language. */
type Shown<V> = { [K in keyof V]: V[K] extends Localized ? string : V[K] };

interface Wording<V> {
  subject: (v: V) => string;
  text: (v: V) => string;
}

/** Who reads a template: units and their staff (email, SMS, inbox), or petitioners (SMS). */
export type Audience = 'UNIT' | 'PETITIONER';

interface TemplateSpec<A extends Audience, V extends z.ZodRawShape, K extends keyof V> {
  audience: A;
  /** The values the text is made of: ids, codes, dates, as strings. */
  variables: V;
  /** Those added only when sending, never stored with the notification (the query code). */
  secrets?: readonly K[];
  'zh-CN': Wording<Shown<z.output<z.ZodObject<V>>>>;
  en: Wording<Shown<z.output<z.ZodObject<V>>>>;
}

export const template = <A extends Audience, V extends z.ZodRawShape, K extends keyof V = never>(
  spec: TemplateSpec<A, V, K>,
) => spec;
