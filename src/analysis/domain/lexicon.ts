import { german } from './lexicons/de.ts';
import { english } from './lexicons/en.ts';
import { spanish } from './lexicons/es.ts';
import { french } from './lexicons/fr.ts';
import { germanPolarity } from './lexicons/polarity-de.ts';
import { englishPolarity } from './lexicons/polarity-en.ts';
import { spanishPolarity } from './lexicons/polarity-es.ts';
import { frenchPolarity } from './lexicons/polarity-fr.ts';
import { romanianPolarity } from './lexicons/polarity-ro.ts';
import type { PolarityLexicon } from './lexicons/polarity-types.ts';
import { romanian } from './lexicons/ro.ts';
import type { LanguageLexicon, LexiconSignal } from './lexicons/types.ts';
import { collapseRuns, mergeSpacedLetters, type Token, tokenize } from './normalize.ts';

export const LANGUAGE_LEXICONS: readonly LanguageLexicon[] = [english, german, french, spanish, romanian];

interface Terminal {
  signal: LexiconSignal;
  weight: number;
  language: LanguageLexicon['code'];
}

interface TrieNode {
  exact: Map<string, TrieNode>;
  prefix: Map<string, TrieNode>;
  prefixLengths: number[];
  terminals: Terminal[];
}

function newNode(): TrieNode {
  return { exact: new Map(), prefix: new Map(), prefixLengths: [], terminals: [] };
}

const root = newNode();
/** Single-word abuse entries by squeezed form (fuuuck / fuuck / asshole → ashole) and as a list for masked words. */
const abuseSqueezed = new Map<string, TrieNode>();
const abuseWords: Array<{ word: string; prefix: boolean; node: TrieNode }> = [];
const knownSingleWords = new Set<string>();

function isAbuse(signal: LexiconSignal): boolean {
  return signal.startsWith('abuse.');
}

function addPhrase(phrase: string, signal: LexiconSignal, language: LanguageLexicon['code']): void {
  let text = phrase;
  let weight = 1;
  const eq = phrase.lastIndexOf('=');
  if (eq > 0) {
    weight = Number(phrase.slice(eq + 1));
    text = phrase.slice(0, eq);
  }
  const parts = text.split(/\s+/).filter(Boolean);
  let node = root;
  const forms: Array<{ form: string; prefix: boolean }> = [];
  for (const part of parts) {
    const prefix = part.endsWith('*') && part.length > 1;
    const body = prefix ? part.slice(0, -1) : part;
    const tokens = tokenize(body);
    if (tokens.length === 0) return;
    tokens.forEach((t, i) => {
      forms.push({ form: t.form, prefix: prefix && i === tokens.length - 1 });
    });
  }
  for (const { form, prefix } of forms) {
    const map = prefix ? node.prefix : node.exact;
    let next = map.get(form);
    if (next === undefined) {
      next = newNode();
      map.set(form, next);
      if (prefix && !node.prefixLengths.includes(form.length)) node.prefixLengths.push(form.length);
    }
    node = next;
  }
  const existing = node.terminals.find((t) => t.signal === signal);
  if (existing === undefined) node.terminals.push({ signal, weight, language });
  else existing.weight = Math.max(existing.weight, weight);
  const single = forms[0];
  if (forms.length === 1 && single !== undefined) {
    knownSingleWords.add(single.form);
    if (isAbuse(signal)) {
      abuseSqueezed.set(collapseRuns(single.form, 2), node);
      abuseWords.push({ word: single.form, prefix: single.prefix, node });
    }
  }
}

for (const lexicon of LANGUAGE_LEXICONS) {
  for (const [signal, phrases] of Object.entries(lexicon.phrases)) {
    for (const phrase of phrases ?? []) addPhrase(phrase, signal as LexiconSignal, lexicon.code);
  }
}

/** Polarity words and verdicts ("would not recommend", "nie wieder"): verdicts are complaint evidence. */
export const POLARITY_LEXICONS: readonly PolarityLexicon[] = [
  englishPolarity,
  germanPolarity,
  frenchPolarity,
  spanishPolarity,
  romanianPolarity,
];
for (const lexicon of POLARITY_LEXICONS) {
  for (const phrase of lexicon.negative) addPhrase(phrase, 'polarity.negative', lexicon.code);
  for (const phrase of lexicon.positive) addPhrase(phrase, 'polarity.positive', lexicon.code);
  for (const phrase of lexicon.verdicts) addPhrase(phrase, 'complaint', lexicon.code);
}

export const STOPWORDS = new Map<string, Array<LanguageLexicon['code']>>();
for (const lexicon of LANGUAGE_LEXICONS) {
  for (const word of lexicon.stopwords) {
    const form = tokenize(word)[0]?.form;
    if (form === undefined) continue;
    const list = STOPWORDS.get(form) ?? [];
    list.push(lexicon.code);
    STOPWORDS.set(form, list);
  }
}

function children(node: TrieNode, token: Token, out: TrieNode[]): void {
  const form = token.form;
  const exact = node.exact.get(form);
  if (exact !== undefined) out.push(exact);
  for (const length of node.prefixLengths) {
    if (form.length < length) continue;
    const next = node.prefix.get(length === form.length ? form : form.slice(0, length));
    if (next !== undefined) out.push(next);
  }
}

const rootCache = new Map<string, TrieNode[]>();
const ROOT_CACHE_LIMIT = 50_000;

function globMatches(pattern: string, word: string, prefix: boolean): boolean {
  if (prefix) {
    // stem entries (fuck*): the masked word must start with the stem, one star standing for one letter
    if (pattern.length < word.length) return false;
    for (let k = 0; k < word.length; k += 1) if (pattern[k] !== '*' && pattern[k] !== word[k]) return false;
    return true;
  }
  // whole words: every run of k stars stands for 1..k+1 letters, a trailing run for any letters
  let source = '^';
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === '*') {
      let j = i;
      while (j < pattern.length && pattern[j] === '*') j += 1;
      source += j === pattern.length ? '[a-z]+' : `[a-z]{1,${j - i + 1}}`;
      i = j;
    } else {
      source += (pattern[i] as string).replace(/[^a-z0-9]/g, '\\$&');
      i += 1;
    }
  }
  return new RegExp(`${source}$`).test(word);
}

function rootChildren(token: Token): TrieNode[] {
  const cached = rootCache.get(token.form);
  if (cached !== undefined) return cached;
  const out: TrieNode[] = [];
  children(root, token, out);
  if (out.length === 0 && token.kind === 'word') {
    const squeezed = abuseSqueezed.get(token.squeezed);
    if (squeezed !== undefined) out.push(squeezed);
  }
  if (out.length === 0 && token.masked) {
    const letters = token.form.replace(/\*/g, '');
    if (letters.length >= 1 && token.form.length >= 3) {
      for (const entry of abuseWords) {
        if (entry.word.length >= 3 && globMatches(token.form, entry.word, entry.prefix)) {
          out.push(entry.node);
          break;
        }
      }
    }
  }
  if (rootCache.size < ROOT_CACHE_LIMIT) rootCache.set(token.form, out);
  return out;
}

export interface LexiconMatch {
  signal: LexiconSignal;
  weight: number;
  language: LanguageLexicon['code'];
  /** token index range [first, last] */
  first: number;
  last: number;
}

const MAX_PHRASE_TOKENS = 8;

/** All lexicon matches (overlaps allowed). Linear in the number of tokens (phrases are at most 8 tokens). */
export function matchLexicon(tokens: readonly Token[]): LexiconMatch[] {
  const matches: LexiconMatch[] = [];
  let frontier: TrieNode[] = [];
  let nextFrontier: TrieNode[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const first = tokens[i] as Token;
    frontier = rootChildren(first);
    let j = i;
    while (frontier.length > 0) {
      for (const node of frontier) {
        for (const terminal of node.terminals) {
          matches.push({ signal: terminal.signal, weight: terminal.weight, language: terminal.language, first: i, last: j });
        }
      }
      if (j + 1 >= tokens.length || j - i + 1 >= MAX_PHRASE_TOKENS || (tokens[j] as Token).breakAfter) break;
      const next = tokens[j + 1] as Token;
      nextFrontier = [];
      for (const node of frontier) if (node.exact.size > 0 || node.prefix.size > 0) children(node, next, nextFrontier);
      frontier = nextFrontier;
      j += 1;
    }
  }
  return matches;
}

function acceptSpaced(form: string): boolean {
  if (knownSingleWords.has(form)) return true;
  if (abuseSqueezed.has(collapseRuns(form, 2))) return true;
  for (const entry of abuseWords) if (entry.prefix && form.startsWith(entry.word) && entry.word.length >= 4) return true;
  return false;
}

/** Tokens for the lexicon: normalised tokens with spaced-out words (f u c k) merged. */
export function lexiconTokens(text: string, tokens: Token[]): Token[] {
  return mergeSpacedLetters(text, tokens, acceptSpaced);
}
