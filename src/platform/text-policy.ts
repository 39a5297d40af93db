/**
 * One text policy for both databases. PostgreSQL cannot store U+0000 in text or jsonb, nor an
 * unpaired UTF-16 surrogate in jsonb; SQLite stores both. So text from HTTP is refused at the
 * edge (see http/text-policy-hook.ts), and text from channels we must not lose (mail, chat) is
 * scrubbed instead. Pure functions.
 */

export type TextFlaw = 'nul' | 'lone-surrogate';

// Code units, no `u` flag: a high surrogate not followed by a low one, or a low one not preceded by a high one.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');

export const textFlawMessages: Record<TextFlaw, string> = {
  nul: 'must not contain a NUL character (U+0000)',
  'lone-surrogate': 'must not contain an unpaired UTF-16 surrogate (malformed Unicode)',
};

/** The first flaw in a string, or null when it is storable everywhere. */
export function textFlawOf(text: string): TextFlaw | null {
  if (text.includes('\u0000')) return 'nul';
  if (loneSurrogate.test(text)) return 'lone-surrogate';
  return null;
}

export interface FlawedText {
  /** Path segments from the root: object keys and array indexes. */
  path: string[];
  flaw: TextFlaw;
  /** For multi-line text (a CSV body): the 1-based line the flaw is on. */
  line?: number;
}

function lineOf(text: string, flaw: TextFlaw): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => textFlawOf(line) === flaw);
  return index + 1;
}

/**
 * Walks parsed JSON (objects, arrays, strings; keys too) and reports flawed strings, at most
 * `limit`. Depth is bounded by the JSON parser and the body limit.
 */
export function findFlawedText(value: unknown, limit = 20): FlawedText[] {
  const found: FlawedText[] = [];
  const visit = (node: unknown, path: string[]) => {
    if (found.length >= limit) return;
    if (typeof node === 'string') {
      const flaw = textFlawOf(node);
      if (flaw) found.push(node.includes('\n') ? { path, flaw, line: lineOf(node, flaw) } : { path, flaw });
      return;
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, [...path, String(index)]);
      return;
    }
    if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const keyFlaw = textFlawOf(key);
        if (keyFlaw) {
          // The key is named with each bad character shown as U+FFFD, so the name itself is storable and printable.
          found.push({ path: [...path, scrubText(key.replaceAll('\u0000', '\uFFFD'))], flaw: keyFlaw });
          if (found.length >= limit) return;
        }
        visit(child, [...path, key]);
      }
    }
  };
  visit(value, []);
  return found;
}

/** Makes text storable without losing it: NUL removed, unpaired surrogates become U+FFFD. */
export function scrubText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return loneSurrogate.test(withoutNul) ? withoutNul.replace(loneSurrogates, '\uFFFD') : withoutNul;
}

/** scrubText over every string (and key) of a plain value; Buffers, dates and class instances are kept as they are. */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [scrubText(key), scrubDeep(child)])) as T;
  }
  return value;
}
