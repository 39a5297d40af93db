/**
 * Tokeniser + normaliser that defeats the usual evasion tricks while keeping UTF-16 offsets into the ORIGINAL text.
 *
 * - look-alike Unicode: NFKC (fullwidth, mathematical letters), diacritics stripped, and our own confusable table
 *   (Cyrillic/Greek letters that look Latin, ƒ, ł, ß …)
 * - leetspeak inside words that also contain letters (sh1t, @ss, $hit, b!tch)
 * - masked letters (f*ck, f#ck, sh%t) are kept as `*` wildcards and marked `masked`
 * - stretched letters (fuuuuck): runs of 3+ identical letters collapse to one in `form`; `squeezed` collapses all runs
 * - spaced letters (f u c k, f.u.c.k) are merged by `mergeSpacedLetters` when the merged word is known
 * Cost is linear in the text length; every word keeps at most MAX_FORM_LENGTH normalised characters.
 */

export type TokenKind = 'word' | 'number' | 'emoji';

export interface Token {
  start: number;
  end: number;
  form: string;
  squeezed: string;
  masked: boolean;
  kind: TokenKind;
  letters: number;
  upper: number;
  /** A clause boundary (. , ; : ! ? newline …) lies between this token and the next one. */
  breakAfter: boolean;
}

export const MAX_FORM_LENGTH = 40;

const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ς: 's',
  σ: 's',
  μ: 'u',
  γ: 'y',
  // Armenian
  ս: 'u',
  օ: 'o',
  հ: 'h',
  ց: 'g',
  ո: 'n',
  // Latin look-alikes and ligatures that NFKC keeps
  ƒ: 'f',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ȷ: 'j',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ŧ: 't',
  ɑ: 'a',
  ʀ: 'r',
  ʏ: 'y',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ꞯ: 'q',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ᴢ: 'z',
  ș: 's',
  ş: 's',
  ț: 't',
  ţ: 't',
};

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
  '€': 'e',
};

/** Character classes. */
const C_SPACE = 0;
const C_PUNCT = 1; // punctuation that does not break a clause (quotes, brackets …)
const C_BREAK = 2; // clause-breaking punctuation
const C_LETTER = 3;
const C_DIGIT = 4;
const C_MASK = 5; // * # %
const C_LEET = 6; // @ $ ! | + € — letters only inside a word
const C_APOS = 7;
const C_EMOJI = 8;
const C_MARK = 9; // combining mark: belongs to the previous letter

interface Folded {
  cls: number;
  text: string;
  upper: boolean;
}

const foldCache = new Map<number, Folded>();
const FOLD_CACHE_LIMIT = 20_000;
const LETTER_RE = /^[\p{L}\p{N}]+$/u;
const MARK_RE = /^\p{M}$/u;
const EMOJI_RE = /^\p{Extended_Pictographic}$/u;
const BREAK_CHARS = new Set(['.', ',', ';', ':', '!', '?', '\n', '\r', '\t', '…', '¡', '¿', '。', '、', '؟', '،', '|']);

function classifyNonAscii(cp: number): Folded {
  const ch = String.fromCodePoint(cp);
  if (MARK_RE.test(ch)) return { cls: C_MARK, text: '', upper: false };
  if (EMOJI_RE.test(ch)) return { cls: C_EMOJI, text: ch, upper: false };
  if (BREAK_CHARS.has(ch)) return { cls: C_BREAK, text: '', upper: false };
  if (ch === '’' || ch === 'ʼ' || ch === '‘') return { cls: C_APOS, text: '', upper: false };
  if (ch === '€') return { cls: C_LEET, text: '€', upper: false };
  const nfkc = ch.normalize('NFKC');
  const lower = nfkc.toLowerCase();
  const upper = lower !== nfkc;
  let out = '';
  for (const c of lower.normalize('NFD')) {
    if (MARK_RE.test(c)) continue;
    out += CONFUSABLES[c] ?? c;
  }
  if (out.length === 0) return { cls: C_SPACE, text: '', upper: false };
  if (out === ' ' || /^\s+$/u.test(out)) return { cls: C_SPACE, text: '', upper: false };
  if (LETTER_RE.test(out)) {
    const isDigit = /^[0-9]+$/.test(out);
    return { cls: isDigit ? C_DIGIT : C_LETTER, text: out, upper };
  }
  if (out === '*' || out === '#' || out === '%') return { cls: C_MASK, text: '*', upper: false };
  if (out.length === 1 && BREAK_CHARS.has(out)) return { cls: C_BREAK, text: '', upper: false };
  return { cls: C_PUNCT, text: '', upper: false };
}

function classify(cp: number): Folded {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const folded = classifyNonAscii(cp);
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, folded);
  return folded;
}

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c += 1) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z]/.test(ch)) ASCII_CLASS[c] = C_LETTER;
  else if (/[0-9]/.test(ch)) ASCII_CLASS[c] = C_DIGIT;
  else if (ch === '*' || ch === '#' || ch === '%') ASCII_CLASS[c] = C_MASK;
  else if (ch === '@' || ch === '$' || ch === '|' || ch === '+') ASCII_CLASS[c] = C_LEET;
  else if (ch === '!')
    ASCII_CLASS[c] = C_BREAK; // a letter only when inside a word (sh!t), see below
  else if (ch === "'") ASCII_CLASS[c] = C_APOS;
  else if (BREAK_CHARS.has(ch)) ASCII_CLASS[c] = C_BREAK;
  else if (c <= 32 || c === 127) ASCII_CLASS[c] = C_SPACE;
  else ASCII_CLASS[c] = C_PUNCT;
}

function isWordishAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const c = text.charCodeAt(index);
  if (c < 128) {
    const cls = ASCII_CLASS[c];
    return cls === C_LETTER || cls === C_DIGIT || cls === C_MASK || cls === C_LEET;
  }
  const cls = classify(text.codePointAt(index) ?? 0).cls;
  return cls === C_LETTER || cls === C_DIGIT || cls === C_MASK;
}

/** Collapse runs of 3+ identical characters to one (`max` = 1) or of 2+ to one (`squeeze`). */
export function collapseRuns(word: string, minRun: number): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const ch = word[i] as string;
    let j = i + 1;
    while (j < word.length && word[j] === ch) j += 1;
    const run = j - i;
    out += run >= minRun ? ch : word.slice(i, j);
    i = j;
  }
  return out;
}

interface Builder {
  start: number;
  end: number;
  raw: string; // folded characters, leet characters kept raw
  letters: number;
  digits: number;
  upper: number;
  masks: number;
  leets: number;
  length: number;
}

function finishToken(b: Builder, tokens: Token[]): void {
  let raw = b.raw;
  let start = b.start;
  let end = b.end;
  // Trim leading masks/leet/apostrophes (#hashtag, @mention, *sigh*) and trailing leet/apostrophes.
  let lead = 0;
  while (lead < raw.length && "*@$|+'!€".includes(raw[lead] as string)) lead += 1;
  let trail = raw.length;
  while (trail > lead && "'!|+".includes(raw[trail - 1] as string)) trail -= 1;
  if (lead > 0 || trail < raw.length) {
    // Offsets: the trimmed characters are single UTF-16 units (ASCII or €/’), so adjust by count.
    if (b.length === raw.length) {
      start += lead;
      end -= raw.length - trail;
    }
    raw = raw.slice(lead, trail);
  }
  if (raw.length === 0) return;
  const hasLetter = b.letters > 0;
  let form = raw;
  let masked = false;
  if (hasLetter) {
    let out = '';
    for (const ch of raw) {
      if (ch === '*') {
        out += '*';
        masked = true;
      } else if (ch === "'") {
        // drop apostrophes: don't -> dont
      } else out += LEET[ch] ?? ch;
    }
    form = out;
  } else {
    form = raw.replace(/[^0-9]/g, '');
    if (form.length === 0) return;
  }
  form = collapseRuns(form, 3);
  tokens.push({
    start,
    end,
    form,
    squeezed: collapseRuns(form, 2),
    masked,
    kind: hasLetter ? 'word' : 'number',
    letters: b.letters,
    upper: b.upper,
    breakAfter: false,
  });
}

/** Split `text` into normalised tokens. Linear time; emoji become their own tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let b: Builder | null = null;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    let cp = code;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = (code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    let cls: number;
    let chText: string;
    let upper = false;
    if (cp < 128) {
      cls = ASCII_CLASS[cp] as number;
      if (cls === C_LETTER) {
        upper = cp >= 65 && cp <= 90;
        chText = upper ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
      } else chText = String.fromCharCode(cp);
      // '!' inside a word (sh!t, b!tch) is a letter substitute
      if (cp === 33 && b !== null && b.letters > 0 && isWordishAt(text, i + 1)) cls = C_LEET;
    } else {
      const f = classify(cp);
      cls = f.cls;
      chText = f.text;
      upper = f.upper;
    }
    if (cls === C_LETTER || cls === C_DIGIT || cls === C_MASK || cls === C_LEET || cls === C_MARK || cls === C_APOS) {
      if (cls === C_APOS && b === null) {
        i += width;
        continue;
      }
      if (b === null) {
        if (cls === C_MARK) {
          i += width;
          continue;
        }
        b = { start: i, end: i, raw: '', letters: 0, digits: 0, upper: 0, masks: 0, leets: 0, length: 0 };
      }
      if (b.raw.length < MAX_FORM_LENGTH) {
        b.raw += cls === C_APOS ? "'" : chText;
        b.length += cls === C_MARK ? 0 : width;
      } else b.length = -1; // offsets no longer track raw characters
      if (cls === C_LETTER) {
        b.letters += 1;
        if (upper) b.upper += 1;
      } else if (cls === C_DIGIT) b.digits += 1;
      else if (cls === C_MASK) b.masks += 1;
      else if (cls === C_LEET) b.leets += 1;
      b.end = i + width;
      i += width;
      continue;
    }
    if (b !== null) {
      finishToken(b, tokens);
      b = null;
    }
    if (cls === C_EMOJI) {
      tokens.push({
        start: i,
        end: i + width,
        form: chText,
        squeezed: chText,
        masked: false,
        kind: 'emoji',
        letters: 0,
        upper: 0,
        breakAfter: false,
      });
    } else if (cls === C_BREAK) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined) last.breakAfter = true;
    }
    i += width;
  }
  if (b !== null) finishToken(b, tokens);
  return tokens;
}

const SPACING = /^[\s.\-_*·]{1,2}$/;

/**
 * Merge runs of 3+ single-letter tokens separated by 1–2 spacing characters ("f u c k", "f.u.c.k") into one token
 * when `accept(form)` says the merged word is one we know. Linear in the number of tokens.
 */
export function mergeSpacedLetters(text: string, tokens: Token[], accept: (form: string) => boolean): Token[] {
  let hasSingles = false;
  for (let k = 0; k + 2 < tokens.length; k += 1) {
    const t = tokens[k] as Token;
    if (t.kind === 'word' && t.form.length === 1 && (tokens[k + 1] as Token).form.length === 1) {
      hasSingles = true;
      break;
    }
  }
  if (!hasSingles) return tokens;
  const out: Token[] = [];
  let k = 0;
  while (k < tokens.length) {
    const first = tokens[k] as Token;
    let j = k;
    if (first.kind === 'word' && first.form.length === 1) {
      while (j + 1 < tokens.length && j - k < MAX_FORM_LENGTH) {
        const cur = tokens[j] as Token;
        const nxt = tokens[j + 1] as Token;
        if (nxt.kind !== 'word' || nxt.form.length !== 1) break;
        const gap = text.slice(cur.end, nxt.start);
        if (!SPACING.test(gap)) break;
        j += 1;
      }
    }
    if (j - k + 1 >= 3) {
      let form = '';
      let letters = 0;
      let upper = 0;
      for (let m = k; m <= j; m += 1) {
        const t = tokens[m] as Token;
        form += t.form;
        letters += t.letters;
        upper += t.upper;
      }
      const collapsed = collapseRuns(form, 3);
      if (accept(collapsed)) {
        const last = tokens[j] as Token;
        out.push({
          start: first.start,
          end: last.end,
          form: collapsed,
          squeezed: collapseRuns(collapsed, 2),
          masked: form.includes('*'),
          kind: 'word',
          letters,
          upper,
          breakAfter: last.breakAfter,
        });
        k = j + 1;
        continue;
      }
    }
    // Not a known word: keep the run as it is and move past it (keeps the pass linear).
    for (let m = k; m <= j; m += 1) out.push(tokens[m] as Token);
    k = j + 1;
  }
  return out;
}
