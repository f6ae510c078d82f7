import { readFileSync } from 'node:fs';
import { Categories, type Category, Natures } from '#common';
import { z } from 'zod';

/**
 * The weighted terms the term classifier reads (term-classifier.ts), kept as data in
 * data/terms/classifier-terms.json so that a petition bureau can check and amend them without a
 * build. A weight says how strongly one term points to its class: 3 names the subject (欠薪, 烂尾),
 * 2 is typical of it, 1 or less only leans towards it. Each term is also loaded into jieba, so it
 * is cut as one word. The file is checked when the module loads: a bad file stops the service at
 * start, never a request.
 */
export const CLASSIFIER_TERMS_PATH = new URL(
  '../../../../../data/terms/classifier-terms.json',
  import.meta.url,
);

const weightedTerms = z.record(z.string().min(1), z.number().min(0).max(5));
export type WeightedTerms = Readonly<Record<string, number>>;

type NamedCategory = Exclude<Category, 'OTHER'>;
const namedCategories = Categories.filter((c): c is NamedCategory => c !== 'OTHER');
const termsOf = <K extends string>(classes: readonly K[]) =>
  z.strictObject(
    Object.fromEntries(classes.map((c) => [c, weightedTerms])) as Record<K, typeof weightedTerms>,
  );

export const classifierTermsSchema = z.strictObject({
  /** Each category's terms, drawn from what taxonomy.json says it covers (OTHER has `other`). */
  categories: termsOf(namedCategories),
  /** Each nature's terms; REQUEST is also what a petition is when nothing else is said. */
  natures: termsOf(Natures),
  /** Officials and party members: they point to DISCIPLINE only in an accusation. */
  official: weightedTerms,
  /** What fits no category (a neighbour's noise, a phone signal). */
  other: weightedTerms,
  /** What staff write when they could not make out the matter: counts against confidence. */
  unclear: weightedTerms,
});
export type ClassifierTerms = z.infer<typeof classifierTermsSchema>;

export function loadClassifierTerms(path: string | URL = CLASSIFIER_TERMS_PATH): ClassifierTerms {
  const parsed = classifierTermsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${String(path)}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

const terms = loadClassifierTerms();
export const CATEGORY_TERMS = terms.categories;
export const NATURE_TERMS = terms.natures;
export const OFFICIAL_TERMS = terms.official;
export const OTHER_TERMS = terms.other;
export const UNCLEAR_TERMS = terms.unclear;
