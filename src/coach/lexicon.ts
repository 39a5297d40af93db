import type { FindingKind, PracticeId } from './types.ts';

/** The findings that come from phrases (the rest are computed from the whole draft). */
export type PhraseFindingKind = Extract<
  FindingKind,
  'blame' | 'arguing' | 'excuse' | 'condescension' | 'vague-promise' | 'absolute-promise' | 'jargon' | 'sarcasm'
>;

/**
 * A phrase in a small pattern language: a space matches any run of white space, an apostrophe
 * matches ' ’ or ‘, a hyphen matches -, ‐ or – with optional spaces around it, `(a|b)` and `?`
 * work as in regular expressions (groups never capture). Letters in the lexicon's `fold` map also
 * match their plain forms ("ț" matches "ţ" and "t"), so drafts typed without diacritics still count.
 * Matching ignores case and only starts and ends at word edges.
 */
export type Phrase = string;

export interface PhraseEntry {
  pattern: Phrase;
  /** Replaces the rule's suggestion for this phrase. */
  suggestion?: string;
  /** Replaces the rule's message for this phrase. */
  message?: string;
}

export interface PhraseRule {
  /** Why it matters, for the agent (English: the agent's screen language). */
  message: string;
  /** A better way to say it, in the lexicon's language. */
  suggestion: string;
  phrases: readonly (Phrase | PhraseEntry)[];
}

export interface Lexicon {
  language: string;
  fold?: Readonly<Record<string, string>>;
  findings: Partial<Record<PhraseFindingKind, PhraseRule>>;
  practices: Partial<Record<PracticeId, readonly Phrase[]>>;
  /** The agent committing to an action ("I will", "you'll receive"). */
  commitments: readonly Phrase[];
  /** A concrete time ("by Friday", "within 2 hours", "12:00"). */
  times: readonly Phrase[];
  /** Common short words, to tell which language a draft is in. */
  stopwords: readonly string[];
}

export type Slot =
  | { type: 'finding'; kind: PhraseFindingKind; message: string; suggestion: string }
  | { type: 'practice'; practice: PracticeId }
  | { type: 'commitment' }
  | { type: 'time' };

export interface LexiconBucket {
  /** Sticky: tried only at the start of a word. */
  regex: RegExp;
  /** slots[i] belongs to capture group i + 1 */
  slots: Slot[];
}

export interface CompiledLexicon {
  language: string;
  /** Phrases grouped by the lower-case letters they can start with, so each word start tries only a few. */
  buckets: Map<string, LexiconBucket>;
  /** Phrases whose first letter could not be worked out; tried at every word start. */
  fallback: LexiconBucket | null;
}

const hyphens = '\\s?[-‐–]\\s?';

/** Turns one phrase into regular-expression source (see `Phrase`). */
export function phraseSource(phrase: Phrase, fold: Readonly<Record<string, string>> = {}): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < phrase.length; index++) {
    const char = phrase[index] as string;
    if (char === '\\') {
      out += char + (phrase[index + 1] ?? '');
      index++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      out += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      out += char;
    } else if (char === ' ') {
      while (phrase[index + 1] === ' ') index++;
      if (phrase[index + 1] === '?') {
        out += '\\s*';
        index++;
      } else {
        out += '\\s+';
      }
    } else if (char === "'" || char === '’') {
      out += "['’‘]";
    } else if (char === '-') {
      out += hyphens;
    } else if (char === '(' && phrase[index + 1] !== '?') {
      out += '(?:';
    } else if (char === '.') {
      out += '\\.';
    } else {
      const folded = fold[char.toLowerCase()];
      out += folded ?? char;
    }
  }
  return out;
}

const wordEnd = '(?![\\p{L}\\p{N}])';

const apostrophes = ["'", '’', '‘'];
const hyphenChars = ['-', '‐', '–'];

/**
 * The lower-case characters a phrase can start with, or null when that cannot be told (then the
 * phrase is tried everywhere). Understands the small pattern language of `Phrase`.
 */
export function firstCharacters(phrase: Phrase, fold: Readonly<Record<string, string>> = {}): Set<string> | null {
  const result = new Set<string>();
  const addLetter = (char: string) => {
    const lower = char.toLowerCase();
    result.add(lower);
    const folded = fold[lower];
    if (folded) for (const each of folded) if (/\p{L}/u.test(each)) result.add(each.toLowerCase());
  };
  // returns the index after the element, or -1 when unknown; sets `optional` when it can match nothing
  const firstOf = (index: number): { next: number; optional: boolean } | null => {
    const char = phrase[index];
    if (char === undefined) return null;
    let next: number;
    if (char === '(') {
      let depth = 0;
      let close = -1;
      const alternativeStarts = [index + 1];
      for (let cursor = index; cursor < phrase.length; cursor++) {
        const each = phrase[cursor];
        if (each === '\\') {
          cursor++;
          continue;
        }
        if (each === '(') depth++;
        else if (each === ')') {
          depth--;
          if (depth === 0) {
            close = cursor;
            break;
          }
        } else if (each === '|' && depth === 1) alternativeStarts.push(cursor + 1);
      }
      if (close < 0) return null;
      let optional = false;
      for (const alternative of alternativeStarts) {
        if (phrase[alternative] === ')' || phrase[alternative] === '|') {
          optional = true;
          continue;
        }
        if (!sequenceFirst(alternative)) return null;
      }
      next = close + 1;
      if (optional) return { next: skipQuantifier(next), optional: true };
    } else if (char === '\\') {
      const escaped = phrase[index + 1];
      if (escaped === 'd') for (let digit = 0; digit <= 9; digit++) result.add(String(digit));
      else if (escaped === undefined || /[a-zA-Z]/.test(escaped)) return null;
      else result.add(escaped);
      next = index + 2;
      if (phrase[next] === '{') next = phrase.indexOf('}', next) + 1;
    } else if (char === '[') {
      const close = phrase.indexOf(']', index);
      if (close < 0) return null;
      const inside = phrase.slice(index + 1, close);
      if (inside.includes('-') || inside.includes('\\') || inside.startsWith('^')) return null;
      for (const each of inside) addLetter(each);
      next = close + 1;
    } else if (char === "'" || char === '’') {
      for (const each of apostrophes) result.add(each);
      next = index + 1;
    } else if (char === '-') {
      for (const each of hyphenChars) result.add(each);
      next = index + 1;
    } else if (char === ' ' || char === '|' || char === ')' || char === '?' || char === '*' || char === '+' || char === '.') {
      return null;
    } else {
      addLetter(char);
      next = index + 1;
    }
    const quantifier = phrase[next];
    const optional = quantifier === '?' || quantifier === '*' || (quantifier === '{' && phrase[next + 1] === '0');
    return { next: skipQuantifier(next), optional };
  };
  const skipQuantifier = (index: number): number => {
    const char = phrase[index];
    if (char === '?' || char === '*' || char === '+') return index + 1;
    if (char === '{') {
      const close = phrase.indexOf('}', index);
      return close < 0 ? index : close + 1;
    }
    return index;
  };
  // adds the first characters of the sequence starting at index; false when unknown
  const sequenceFirst = (start: number): boolean => {
    let index = start;
    for (let guard = 0; guard < 50; guard++) {
      if (phrase[index] === ' ' && phrase[index + 1] === '?') {
        index += 2;
        continue;
      }
      const element = firstOf(index);
      if (!element) return false;
      if (!element.optional) return true;
      index = element.next;
      if (index >= phrase.length || phrase[index] === '|' || phrase[index] === ')') return false;
    }
    return false;
  };
  return sequenceFirst(0) ? result : null;
}

function makeBucket(entries: readonly { source: string; slot: Slot }[]): LexiconBucket {
  const body = entries.map((entry) => `(${entry.source})`).join('|');
  return { regex: new RegExp(`(?:${body})${wordEnd}`, 'iuy'), slots: entries.map((entry) => entry.slot) };
}

/**
 * Compiles a lexicon into small sticky regular expressions keyed by first letter. Scanning tries,
 * at each word start, only the phrases that can begin with that letter, in priority order:
 * findings first, then practices, then commitments and times — so that "we'll look into it"
 * counts as a vague promise, not as a commitment.
 */
export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const entries: { source: string; slot: Slot; first: Set<string> | null }[] = [];
  const fold = lexicon.fold ?? {};
  const add = (pattern: Phrase, slot: Slot) =>
    entries.push({ source: phraseSource(pattern, fold), slot, first: firstCharacters(pattern, fold) });
  for (const [kind, rule] of Object.entries(lexicon.findings) as [PhraseFindingKind, PhraseRule][]) {
    for (const entry of rule.phrases) {
      const pattern = typeof entry === 'string' ? entry : entry.pattern;
      add(pattern, {
        type: 'finding',
        kind,
        message: (typeof entry === 'string' ? undefined : entry.message) ?? rule.message,
        suggestion: (typeof entry === 'string' ? undefined : entry.suggestion) ?? rule.suggestion,
      });
    }
  }
  for (const [practice, phrases] of Object.entries(lexicon.practices) as [PracticeId, readonly Phrase[]][]) {
    for (const phrase of phrases) add(phrase, { type: 'practice', practice });
  }
  for (const phrase of lexicon.commitments) add(phrase, { type: 'commitment' });
  for (const phrase of lexicon.times) add(phrase, { type: 'time' });

  const keys = new Set<string>();
  for (const entry of entries) if (entry.first) for (const key of entry.first) keys.add(key);
  const buckets = new Map<string, LexiconBucket>();
  for (const key of keys) {
    buckets.set(key, makeBucket(entries.filter((entry) => entry.first === null || entry.first.has(key))));
  }
  const anywhere = entries.filter((entry) => entry.first === null);
  return { language: lexicon.language, buckets, fallback: anywhere.length > 0 ? makeBucket(anywhere) : null };
}

const wordStarts = /(?<![\p{L}\p{N}])[\p{L}\p{N}'’‘-]/gu;

export interface LexiconHit {
  slot: Slot;
  start: number;
  end: number;
  text: string;
}

/** All phrase hits in `text`, left to right, never overlapping (like one global regular expression would). */
export function scanWithLexicon(text: string, lexicon: CompiledLexicon, onHit: (hit: LexiconHit) => void): void {
  wordStarts.lastIndex = 0;
  let resumeAt = 0;
  for (let word = wordStarts.exec(text); word; word = wordStarts.exec(text)) {
    const start = word.index;
    if (start < resumeAt) continue;
    const bucket = lexicon.buckets.get(word[0].toLowerCase()) ?? lexicon.fallback;
    if (!bucket) continue;
    bucket.regex.lastIndex = start;
    const match = bucket.regex.exec(text);
    if (!match || match[0].length === 0) continue;
    let group = 1;
    while (group < match.length && match[group] === undefined) group++;
    const slot = bucket.slots[group - 1];
    if (!slot) continue;
    const end = start + match[0].length;
    onHit({ slot, start, end, text: match[0] });
    resumeAt = end;
    if (wordStarts.lastIndex < end) wordStarts.lastIndex = end;
  }
}
