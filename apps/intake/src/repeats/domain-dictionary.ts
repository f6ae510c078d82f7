import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The words intake reads petitions with when it compares them for repeats and hotspots
 * (matter-similarity.ts, named-entities.ts), kept as data in data/terms/domain-dictionary.json so
 * that a petition bureau can check and amend them without a build; each group there says in `why`
 * what it is for. The jieba words carry a frequency and a part-of-speech tag, as in jieba's
 * "word freq tag" dictionary format. The file is checked when the module loads: a bad file stops
 * the service at start, never a request.
 */
export const DOMAIN_DICTIONARY_PATH = new URL(
  '../../../../../data/terms/domain-dictionary.json',
  import.meta.url,
);

const why = z.string().min(1);
const word = z.string().regex(/^\S+$/, 'a word has no spaces');
const jiebaWords = z.record(
  word,
  z.strictObject({ frequency: z.int().positive(), tag: z.string().regex(/^[a-z]+$/) }),
);

export const domainDictionarySchema = z.strictObject({
  vocabulary: z.strictObject({ why, words: jiebaWords }),
  nameSuffixes: z.strictObject({ why, words: jiebaWords }),
  synonyms: z.strictObject({ why, terms: z.record(word, word) }),
  stopWords: z.strictObject({ why, words: z.array(word).min(1) }),
});
export type DomainDictionary = z.infer<typeof domainDictionarySchema>;

export function loadDomainDictionary(
  path: string | URL = DOMAIN_DICTIONARY_PATH,
): DomainDictionary {
  const parsed = domainDictionarySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${String(path)}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** In jieba's dictionary format, one "word freq tag" line each, for `loadDict`. */
const jiebaDictionary = (words: z.infer<typeof jiebaWords>) =>
  Object.entries(words)
    .map(([w, { frequency, tag }]) => `${w} ${frequency} ${tag}\n`)
    .join('');

const dictionary = loadDomainDictionary();
export const PETITION_VOCABULARY = jiebaDictionary(dictionary.vocabulary.words);
export const NAME_SUFFIXES = jiebaDictionary(dictionary.nameSuffixes.words);
export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  Object.entries(dictionary.synonyms.terms),
);
export const STOP_WORDS: ReadonlySet<string> = new Set(dictionary.stopWords.words);
