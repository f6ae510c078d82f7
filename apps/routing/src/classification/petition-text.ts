import * as OpenCC from 'opencc-js/t2cn';

// Traditional (Taiwan and Hong Kong forms) to Simplified, built once: the classifier, the reader
// and their term lists work in Simplified; some petitioners write Traditional (繁體).
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The text as routing reads it: NFKC (full-width forms), Simplified characters. */
export function normalisePetitionText(text: string): string {
  return toSimplified(text.normalize('NFKC'));
}
