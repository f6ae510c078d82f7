import { z } from 'zod';
import { PETITIONER_TEMPLATES } from './petitioner-templates.js';
import type { Audience, Locale, Localized } from './template-values.js';
import { UNIT_TEMPLATES } from './unit-templates.js';

// Where stored notices (and the notification-text migration) have always found their language.
export type { Locale } from './template-values.js';

/**
 * Every message notify sends, in Chinese and in English, rendered when it is sent in the
 * recipient's language (units and petitioners read Chinese; a duty roster entry may ask for
 * English).
 */
export const TEMPLATES = { ...UNIT_TEMPLATES, ...PETITIONER_TEMPLATES };

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

/** The stored variables of a notice (all but its secrets), checked against its template. */
function parseStored(name: string, variables: Record<string, string>) {
  const spec = specOf(name);
  const stored = Object.fromEntries(
    Object.entries(spec.variables).filter(([key]) => !spec.secrets?.includes(key)),
  );
  const result = z.strictObject(stored).safeParse(variables);
  if (!result.success) throw new TemplateError(`variables of ${name}: ${result.error.message}`);
  return { spec, values: result.data as Record<string, string | Localized> };
}

/** Checks what an emitter is about to store, so a bad notice fails where it is made. */
export function checkVariables(name: string, variables: Record<string, string>): void {
  parseStored(name, variables);
}

/** The templates whose text needs a secret added at send time. */
export function secretsOf(name: string): readonly string[] {
  return specOf(name).secrets ?? [];
}

/** How a secret reads where it is not sent: in what staff see of a stored notice. */
export const SECRET_MASK = '**********';

/**
 * A stored notice's subject and text from its stored variables alone, as staff may read them:
 * each secret (the query code, added only when sending) shown as SECRET_MASK.
 */
export function renderStored(
  name: string,
  variables: Record<string, string>,
  locale: Locale = 'zh-CN',
): Pick<RenderedMessage, 'subject' | 'text'> {
  const { spec, values } = parseStored(name, variables);
  const shown: Record<string, string> = Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === 'object' ? value[locale] : value,
    ]),
  );
  for (const secret of spec.secrets ?? []) shown[secret] = SECRET_MASK;
  const wording = spec[locale];
  return { subject: (wording.subject as Format)(shown), text: (wording.text as Format)(shown) };
}

/**
 * A stored notice's subject: subjects never show a secret, so a list (the call-back list) can
 * name a receipt without its query code.
 */
export function subjectOf(
  name: string,
  variables: Record<string, string>,
  locale: Locale = 'zh-CN',
): string {
  return renderStored(name, variables, locale).subject;
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
