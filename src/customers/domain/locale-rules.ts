/** Checks a customer's locale fields with the runtime's own ICU data rather than our own lists. */
const currencies = new Set(Intl.supportedValuesOf('currency'));
const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function isCurrencyCode(code: string): boolean {
  return currencies.has(code);
}

export function isTimeZone(zone: string): boolean {
  return timeZones.has(zone) || zone === 'UTC';
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== undefined;
}

export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2,3}$/.test(code) && languageNames.of(code) !== undefined;
}

/** Digits after the decimal point for a currency: JPY 0, EUR 2, KWD 3. */
export function currencyFractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Parses an amount written in major units ("1249.50", "1249,50", "1 249") into integer minor
 * units without going through floating point. Returns null when it is not an amount.
 */
export function parseMajorAmount(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0']/g, '');
  const match = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const digits = currencyFractionDigits(currency);
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return null;
  return sign === '-' ? -minor : minor;
}
