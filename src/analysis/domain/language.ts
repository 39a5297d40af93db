import { detectAll } from 'tinyld';
import { STOPWORDS } from './lexicon.ts';
import type { Token } from './normalize.ts';

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when the text gives no usable evidence. */
  code: string;
  score: number;
}

const SCRIPT_RANGES: Array<[number, number, string]> = [
  [0x0400, 0x04ff, 'ru'],
  [0x0590, 0x05ff, 'he'],
  [0x0600, 0x06ff, 'ar'],
  [0x0370, 0x03ff, 'el'],
  [0x0900, 0x097f, 'hi'],
  [0x0e00, 0x0e7f, 'th'],
  [0x3040, 0x30ff, 'ja'],
  [0xac00, 0xd7af, 'ko'],
  [0x4e00, 0x9fff, 'zh'],
];

const HINT_CHARS: Record<string, string> = {
  ä: 'de',
  ö: 'de',
  ü: 'de',
  ß: 'de',
  é: 'fr',
  è: 'fr',
  ê: 'fr',
  à: 'fr',
  ç: 'fr',
  œ: 'fr',
  ù: 'fr',
  ñ: 'es',
  '¿': 'es',
  '¡': 'es',
  á: 'es',
  í: 'es',
  ó: 'es',
  ú: 'es',
  ă: 'ro',
  ș: 'ro',
  ş: 'ro',
  ț: 'ro',
  ţ: 'ro',
  î: 'ro',
  â: 'ro',
};

const SCAN_LIMIT = 4000;
const LATIN_CODES = ['en', 'de', 'fr', 'es', 'ro'] as const;

/**
 * Language identification: script ranges for non-Latin scripts, then our stop-word lists and accent hints for
 * en/de/fr/es/ro, and tinyld (on at most 500 characters) only when those give too little evidence.
 * Reads at most the first SCAN_LIMIT characters, so the cost is bounded.
 */
export function detectLanguage(text: string, tokens: readonly Token[]): LanguageGuess {
  const limit = Math.min(text.length, SCAN_LIMIT);
  let latin = 0;
  const scripts = new Map<string, number>();
  const hints: Record<string, number> = { en: 0, de: 0, fr: 0, es: 0, ro: 0 };
  for (let i = 0; i < limit; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin += 1;
      continue;
    }
    if (c <= 0x024f) {
      latin += 1;
      const hint = HINT_CHARS[text[i]?.toLowerCase() ?? ''];
      if (hint !== undefined) hints[hint] = (hints[hint] ?? 0) + 1;
      continue;
    }
    for (const [from, to, code] of SCRIPT_RANGES) {
      if (c >= from && c <= to) {
        scripts.set(code, (scripts.get(code) ?? 0) + 1);
        break;
      }
    }
  }
  let bestScript = '';
  let bestScriptCount = 0;
  for (const [code, count] of scripts) {
    if (count > bestScriptCount) {
      bestScript = code;
      bestScriptCount = count;
    }
  }
  // Kana beats Han for Japanese text that mixes both.
  if (bestScript === 'zh' && (scripts.get('ja') ?? 0) > 0) bestScript = 'ja';
  if (bestScriptCount > latin) {
    return { code: bestScript, score: round(bestScriptCount / (bestScriptCount + latin)) };
  }
  if (latin === 0) return { code: 'und', score: 0 };
  const votes: Record<string, number> = { en: 0, de: 0, fr: 0, es: 0, ro: 0 };
  let words = 0;
  for (let t = 0; t < tokens.length && t < 400; t += 1) {
    const token = tokens[t] as Token;
    if (token.kind !== 'word') continue;
    words += 1;
    const langs = STOPWORDS.get(token.form);
    if (langs === undefined) continue;
    for (const code of langs) votes[code] = (votes[code] ?? 0) + 1 / langs.length;
  }
  for (const code of LATIN_CODES) votes[code] = (votes[code] ?? 0) + 0.5 * Math.min(4, hints[code] ?? 0);
  let best = 'en';
  let second = 0;
  for (const code of LATIN_CODES) if ((votes[code] ?? 0) > (votes[best] ?? 0)) best = code;
  for (const code of LATIN_CODES) if (code !== best) second = Math.max(second, votes[code] ?? 0);
  const top = votes[best] ?? 0;
  if ((top >= 2 && top >= 1.5 * second) || (top >= 1 && second === 0)) {
    return {
      code: best,
      score: round(Math.min(0.99, 0.45 + (top - second) / (2 * Math.max(words, 1)) + 0.1 * Math.min(top, 4))),
    };
  }
  // Too little evidence from our own word lists: ask tinyld, but only when there is enough text to judge.
  if (latin >= 40 && top === 0) {
    const guesses = detectAll(text.length > 500 ? text.slice(0, 500) : text);
    const first = guesses[0];
    if (first !== undefined && first.lang.length === 2 && !(top >= 1 && first.accuracy < 0.5)) {
      return { code: first.lang, score: round(Math.min(0.95, first.accuracy)) };
    }
  }
  if (top >= 1) return { code: best, score: round(0.3 + 0.05 * top) };
  return { code: 'und', score: 0 };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
