/**
 * NUL, and halves of UTF-16 surrogate pairs without their other half: text that JSON carries
 * (`"\u0000"`, `"\ud800"`) but PostgreSQL cannot store as sent (it refuses NUL; the driver turns
 * a lone half into U+FFFD, so what is stored is not what was checked or hashed).
 */
// eslint-disable-next-line no-control-regex -- NUL is what it looks for
const MALFORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MALFORMED_ALL = new RegExp(MALFORMED.source, 'g');

export const isMalformedText = (text: string) => MALFORMED.test(text);

/** The text with each NUL and lone surrogate replaced by U+FFFD, as it would be stored. */
export const wellFormedText = (text: string) => text.replace(MALFORMED_ALL, '\ufffd');

/** Deeper than any request the services accept; what lies below is left to the schema. */
const MAX_DEPTH = 32;

/** Paths of the strings (and object keys) in a parsed request that hold malformed text. */
export function malformedTextPaths(value: unknown, limit = 20): PropertyKey[][] {
  const found: PropertyKey[][] = [];
  const visit = (node: unknown, path: PropertyKey[]) => {
    if (found.length >= limit) return;
    if (typeof node === 'string') {
      if (isMalformedText(node)) found.push(path);
      return;
    }
    if (node === null || typeof node !== 'object' || path.length >= MAX_DEPTH) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, [...path, index]);
      });
      return;
    }
    for (const [key, item] of Object.entries(node)) {
      if (isMalformedText(key)) found.push([...path, wellFormedText(key)]);
      else visit(item, [...path, key]);
    }
  };
  visit(value, []);
  return found;
}

/** Every string in a JSON-like value made well-formed (for records that must be stored). */
export function wellFormedStrings<T>(value: T): T {
  if (typeof value === 'string') return wellFormedText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => wellFormedStrings(item)) as T;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [wellFormedText(key), wellFormedStrings(item)]),
  ) as T;
}
