/** Small linear-time helpers over draft text: sentences, shouting, amounts, placeholders. */

export interface Range {
  start: number;
  end: number;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x202f;

/** Sentences as ranges without surrounding white space. Splits at line breaks and at . ! ? … before white space. */
export function sentenceRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let start = 0;
  const push = (end: number) => {
    let from = start;
    let to = end;
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to > from) ranges.push({ start: from, end: to });
  };
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 10) {
      push(index);
      start = index + 1;
    } else if (char === 46 || char === 33 || char === 63 || char === 0x2026) {
      let end = index + 1;
      while (end < text.length && (text[end] === '.' || text[end] === '!' || text[end] === '?' || text[end] === '…')) end++;
      if (end >= text.length || isSpace(text.charCodeAt(end))) {
        push(end);
        start = end;
        index = end - 1;
      }
    }
  }
  push(text.length);
  return ranges;
}

/** Index of the sentence holding `offset`, by binary search; -1 when between sentences. */
export function sentenceIndexAt(ranges: readonly Range[], offset: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle] as Range;
    if (offset < range.start) high = middle - 1;
    else if (offset >= range.end) low = middle + 1;
    else return middle;
  }
  return -1;
}

export function wordCount(text: string, range: Range): number {
  let count = 0;
  let inWord = false;
  for (let index = range.start; index < range.end; index++) {
    const space = isSpace(text.charCodeAt(index));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Acronyms that are not shouting even when long. */
const knownAcronyms = new Set([
  'ASAP',
  'GDPR',
  'ANPC',
  'IBAN',
  'PAYPAL',
  'IMPORTANT',
  'NOTE',
  'FAQ',
  'HTML',
  'HTTPS',
  'USB',
  'HDMI',
  'OLED',
  'QLED',
]);
const capsRun = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?:[ \t,;:'’-]+\p{Lu}{2,})*(?![\p{L}\p{N}])/gu;
const exclamations = /!{2,}|[!?]{3,}/g;

export interface ShoutingHit extends Range {
  kind: 'caps' | 'exclamations';
}

/** Three or more capitalised words in a row, or one capitalised word of five letters or more; bursts of "!!". */
export function findShouting(text: string): ShoutingHit[] {
  const hits: ShoutingHit[] = [];
  capsRun.lastIndex = 0;
  for (let match = capsRun.exec(text); match; match = capsRun.exec(text)) {
    const words = match[0].split(/[ \t,;:'’-]+/).filter((word) => word.length > 0);
    const loud = words.filter((word) => !knownAcronyms.has(word));
    const longest = loud.reduce((max, word) => Math.max(max, word.length), 0);
    if (loud.length >= 3 || longest >= 5) hits.push({ kind: 'caps', start: match.index, end: match.index + match[0].length });
  }
  exclamations.lastIndex = 0;
  for (let match = exclamations.exec(text); match; match = exclamations.exec(text)) {
    hits.push({ kind: 'exclamations', start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

const currencyToken =
  /(NZ\$|US\$|A\$|C\$|R\$|\$|€|£|¥|￥|₹|₩|₺|₽|₴|₱|₪|₫)|(?<![\p{L}\p{N}])(lei|Lei|LEI|leu|kr|zł|Ft|Kč|[A-Z]{3})(?![\p{L}])/gu;

const symbolCurrencies: Readonly<Record<string, readonly string[]>> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'SGD', 'HKD', 'ARS', 'CLP', 'COP', 'TWD'],
  US$: ['USD'],
  A$: ['AUD'],
  C$: ['CAD'],
  NZ$: ['NZD'],
  R$: ['BRL'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '￥': ['JPY', 'CNY'],
  '₹': ['INR'],
  '₩': ['KRW'],
  '₺': ['TRY'],
  '₽': ['RUB'],
  '₴': ['UAH'],
  '₱': ['PHP'],
  '₪': ['ILS'],
  '₫': ['VND'],
  lei: ['RON', 'MDL'],
  Lei: ['RON', 'MDL'],
  LEI: ['RON', 'MDL'],
  leu: ['RON', 'MDL'],
  kr: ['SEK', 'NOK', 'DKK', 'ISK'],
  zł: ['PLN'],
  Ft: ['HUF'],
  Kč: ['CZK'],
};

const isoCurrencies = new Set(Intl.supportedValuesOf('currency'));
/** ISO codes that are also ordinary capitalised words. */
const codeWords = new Set(['ALL', 'TOP', 'CUP', 'MOP', 'SOS', 'MAD', 'GEL', 'PEN', 'BOB', 'TRY']);

export interface AmountHit extends Range {
  /** What the symbol or code can stand for. */
  currencies: readonly string[];
  /** The number as written, for the suggestion. */
  number: string;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isAmountGlue = (code: number) => code === 46 || code === 44 || code === 39 || code === 0x2019;
const isGap = (code: number) => code === 32 || code === 0xa0 || code === 0x202f;

/** Amounts written with a currency symbol or ISO code next to a number ("€20", "1.249,00 lei", "USD 40"). */
export function findAmounts(text: string): AmountHit[] {
  const hits: AmountHit[] = [];
  currencyToken.lastIndex = 0;
  for (let match = currencyToken.exec(text); match; match = currencyToken.exec(text)) {
    const token = match[0];
    let currencies = symbolCurrencies[token];
    if (!currencies) {
      if (!isoCurrencies.has(token) || codeWords.has(token)) continue;
      currencies = [token];
    }
    const tokenStart = match.index;
    const tokenEnd = tokenStart + token.length;
    // number before the token: "20 €", "1.249,00 lei"
    let before = tokenStart;
    if (before > 0 && isGap(text.charCodeAt(before - 1))) before--;
    let numberStart = before;
    while (numberStart > 0) {
      const code = text.charCodeAt(numberStart - 1);
      if (isDigit(code)) numberStart--;
      else if ((isAmountGlue(code) || isGap(code)) && numberStart > 1 && isDigit(text.charCodeAt(numberStart - 2))) numberStart--;
      else break;
    }
    if (numberStart < before) {
      hits.push({ start: numberStart, end: tokenEnd, currencies, number: text.slice(numberStart, before) });
      continue;
    }
    // number after the token: "€20", "USD 40"
    let after = tokenEnd;
    if (after < text.length && isGap(text.charCodeAt(after))) after++;
    let numberEnd = after;
    while (numberEnd < text.length) {
      const code = text.charCodeAt(numberEnd);
      if (isDigit(code)) numberEnd++;
      else if ((isAmountGlue(code) || isGap(code)) && numberEnd + 1 < text.length && isDigit(text.charCodeAt(numberEnd + 1)))
        numberEnd++;
      else break;
    }
    if (numberEnd > after) hits.push({ start: tokenStart, end: numberEnd, currencies, number: text.slice(after, numberEnd) });
  }
  return hits;
}

/** Reads "1.249,00", "1,249.00", "1 249", "49.9" as a decimal string ("1249.00"), or null. */
export function readAmount(written: string): string | null {
  const compact = written.replace(/[\s\u00a0\u202f'’]/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  const last = Math.max(lastDot, lastComma);
  if (last === -1) return compact;
  const separator = compact[last] as string;
  const decimals = compact.length - last - 1;
  const onlyOnce = compact.indexOf(separator) === last;
  const otherPresent = (separator === '.' ? lastComma : lastDot) !== -1;
  const isDecimal = otherPresent || (onlyOnce && decimals > 0 && decimals <= 2);
  if (!isDecimal) return compact.replace(/[.,]/g, '');
  return `${compact.slice(0, last).replace(/[.,]/g, '')}.${compact.slice(last + 1)}`;
}

const placeholder = /\{\{\s*[\p{L}\p{N}_.-]{1,60}\s*\}\}|\[\p{Ll}[\p{Ll} ,]{2,40}\]/gu;

/** Template placeholders left in a draft: "{{order.reference}}" or a marker such as "[order reference]". */
export function findPlaceholders(text: string): Range[] {
  const hits: Range[] = [];
  placeholder.lastIndex = 0;
  for (let match = placeholder.exec(text); match; match = placeholder.exec(text)) {
    hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * True when the draft is the inserted script with (almost) nothing of the agent's own: fewer than
 * 12 characters or a tenth of the script changed, measured by the common start and end.
 */
export function isUnchangedTemplate(draft: string, template: string): boolean {
  const a = collapse(draft);
  const b = collapse(template);
  if (b.length === 0 || a.length === 0) return false;
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  const changed = Math.max(a.length, b.length) - prefix - suffix;
  return changed <= Math.max(12, b.length * 0.1);
}

const specificToken = /(?<![\p{L}\p{N}])[\p{L}]{0,8}[-#]?\d[\p{L}\p{N}.,:/-]*/gu;

/** Tokens with digits (order references, amounts, dates) found in both texts, with their first place in `draft`. */
export function sharedSpecifics(draft: string, other: string): Range[] {
  const wanted = new Set<string>();
  const normalise = (token: string) => token.replace(/[.,:/-]+$/, '').toLowerCase();
  specificToken.lastIndex = 0;
  for (let match = specificToken.exec(other); match; match = specificToken.exec(other)) {
    const token = normalise(match[0]);
    if (token.replace(/\D/g, '').length >= 3) wanted.add(token);
  }
  const found: Range[] = [];
  const seen = new Set<string>();
  specificToken.lastIndex = 0;
  for (let match = specificToken.exec(draft); match; match = specificToken.exec(draft)) {
    const token = normalise(match[0]);
    if (wanted.has(token) && !seen.has(token)) {
      seen.add(token);
      found.push({ start: match.index, end: match.index + token.length });
    }
  }
  return found;
}
