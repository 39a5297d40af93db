import type { LexiconMatch } from '../domain/lexicon.ts';
import type { Token } from '../domain/normalize.ts';
import { HASH_BITS } from './heads.ts';

/**
 * Hashed features for the linear model: word unigrams (inside a negation scope both the negation-marked and the
 * plain form), word bigrams, character 3–5-grams of each word (with boundary markers), a few shape features (caps,
 * !!!, ???) and one feature per lexicon hit (signal name, marked when negated), so the model learns how much to
 * trust each of our lexicons. FNV-1a over UTF-16 code units, no allocation per n-gram. Cost is linear in the text
 * length.
 */

const MASK = (1 << HASH_BITS) - 1;
const FNV_PRIME = 16777619;
const SEED_WORD = 0x811c9dc5;
const SEED_NEG = 0x01000193;
const SEED_CHAR = 0x5bd1e995;
const SEED_BIGRAM = 0x27d4eb2f;
const SEED_SHAPE = 0x165667b1;
const SEED_LEXICON = 0x9e3779b9;
const MAX_CHAR_WORD = 24;
/** Words that open a negation scope (all languages we read); scope ends at a clause break or after 3 words. */
export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'wasnt',
  'arent',
  'werent',
  'wont',
  'wouldnt',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'aint',
  'without',
  'nicht',
  'kein',
  'keine',
  'keinen',
  'keiner',
  'nie',
  'niemals',
  'ne',
  'pas',
  'jamais',
  'aucun',
  'aucune',
  'rien',
  'nunca',
  'nada',
  'ningun',
  'ninguna',
  'tampoco',
  'nu',
  'niciodata',
  'niciun',
  'nicio',
  'nimic',
]);

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function shapeFeature(name: string): number {
  return hashString(SEED_SHAPE, name) & MASK;
}

const F_CAPS = shapeFeature('caps');
const F_CAPS_MANY = shapeFeature('caps-many');
const F_EXCL = shapeFeature('excl2');
const F_QUES = shapeFeature('ques2');
const F_EMPTY = shapeFeature('empty');

/** Lexicon-hit features by signal name: [plain, negated], computed once per signal. */
const lexiconFeatureCache = new Map<string, Int32Array>();
function lexiconFeatures(signal: string): Int32Array {
  let pair = lexiconFeatureCache.get(signal);
  if (pair === undefined) {
    pair = Int32Array.of(hashString(SEED_LEXICON, signal) & MASK, hashString(SEED_LEXICON, `not ${signal}`) & MASK);
    lexiconFeatureCache.set(signal, pair);
  }
  return pair;
}

function negatedAt(tokens: readonly Token[], first: number): boolean {
  for (let k = first - 1; k >= 0 && k >= first - 3; k -= 1) {
    const token = tokens[k] as Token;
    if (token.breakAfter) return false;
    if (NEGATORS.has(token.form)) return true;
  }
  return false;
}

/**
 * Appends feature bucket indices to `out` (a reusable array) and returns how many were written.
 * `maxFeatures` bounds the work for huge texts (the model only reads the start; lexicons read everything).
 */
export function extractFeatures(
  text: string,
  tokens: readonly Token[],
  out: Int32Array,
  lexiconTokens: readonly Token[],
  matches: readonly LexiconMatch[],
): number {
  const max = out.length - 8;
  let n = 0;
  let prevHash = SEED_BIGRAM;
  let negScope = 0;
  let capsWords = 0;
  for (let t = 0; t < tokens.length && n < max; t += 1) {
    const token = tokens[t] as Token;
    const form = token.form;
    const negated = negScope > 0;
    const wordHash = hashString(negated ? SEED_NEG : SEED_WORD, form);
    out[n++] = wordHash & MASK;
    if (negated) out[n++] = hashString(SEED_WORD, form) & MASK;
    out[n++] = (Math.imul(prevHash ^ wordHash, FNV_PRIME) >>> 0) & MASK;
    prevHash = wordHash;
    if (token.kind === 'word' && token.letters >= 3 && token.upper === token.letters) capsWords += 1;
    if (token.kind === 'word') {
      const len = Math.min(form.length, MAX_CHAR_WORD);
      // padded word: ^form$ ; codes 94 ('^') and 36 ('$') as boundaries
      const padded = len + 2;
      for (let i = 0; i + 3 <= padded && n + 3 < max; i += 1) {
        let h = SEED_CHAR;
        for (let j = i; j < i + 5 && j < padded; j += 1) {
          const code = j === 0 ? 94 : j === padded - 1 ? 36 : form.charCodeAt(j - 1);
          h ^= code;
          h = Math.imul(h, FNV_PRIME);
          if (j - i >= 2) out[n++] = (h >>> 0) & MASK;
        }
      }
    }
    if (NEGATORS.has(form)) negScope = 4;
    if (negScope > 0) negScope -= 1;
    if (token.breakAfter) {
      negScope = 0;
      prevHash = SEED_BIGRAM;
    }
  }
  for (let m = 0; m < matches.length && n < max; m += 1) {
    const match = matches[m] as LexiconMatch;
    if (match.signal.startsWith('modifier.')) continue;
    out[n++] = lexiconFeatures(match.signal)[negatedAt(lexiconTokens, match.first) ? 1 : 0] as number;
  }
  if (capsWords >= 1) out[n++] = F_CAPS;
  if (capsWords >= 3) out[n++] = F_CAPS_MANY;
  if (text.includes('!!')) out[n++] = F_EXCL;
  if (text.includes('??')) out[n++] = F_QUES;
  if (n === 0) out[n++] = F_EMPTY;
  return n;
}
