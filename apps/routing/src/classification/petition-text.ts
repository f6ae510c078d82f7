import * as OpenCC from 'opencc-js/t2cn';

// opencc-js's type files import './core' without an extension, which ESM resolution cannot follow,
// so its Converter is typed here.
const opencc = OpenCC as unknown as {
  Converter: (options: { from: string; to: string }) => (text: string) => string;
};

// Traditional (Taiwan and Hong Kong forms) to Simplified, built once: the classifier, the reader
// and their term lists work in Simplified; some petitioners write Traditional (繁體).
const toSimplified = opencc.Converter({ from: 'tw', to: 'cn' });

/** The text as routing reads it: NFKC (full-width forms), Simplified characters. */
export function normalisePetitionText(text: string): string {
  return toSimplified(text.normalize('NFKC'));
}
