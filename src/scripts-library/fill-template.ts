import { formatMoney, isMoney, type Money } from '../platform/money.ts';
import type { ScriptTemplate } from './template.ts';

export { formatMoney, isMoney, type Money, minorToDecimal } from '../platform/money.ts';

/** Where and how the customer reads: a BCP 47 locale ("ro-RO") and an IANA time zone. */
export interface LocaleInfo {
  locale: string;
  timeZone: string;
}

export type TemplateValue = string | number | Money | Date | null | undefined | { readonly [key: string]: TemplateValue };

/** Values by placeholder path; nested objects (`customer.firstName`) or flat keys (`"customer.firstName"`). */
export type TemplateValues = { readonly [key: string]: TemplateValue };

export interface FilledTemplate {
  text: string;
  /** Placeholder paths that had no value and were left as a visible marker. */
  missing: string[];
}

const markerLabels: Readonly<Record<string, string>> = {
  'customer.firstName': 'first name',
  'customer.lastName': 'last name',
  'customer.fullName': 'customer name',
  'customer.formalAddress': 'customer name',
  'order.reference': 'order reference',
  amount: 'amount',
  date: 'date',
  'agent.firstName': 'your name',
  'company.name': 'company name',
  'colleague.firstName': 'colleague name',
  'product.name': 'product',
  'case.number': 'case number',
  concern: 'their concern in their words',
  reason: 'the reason',
  alternative: 'what you can offer',
  fix: 'what you fixed',
  update: 'the update',
  change: 'what changed',
};

/** "[order reference]": what a missing value leaves behind, so the agent sees the gap (and the coach flags it). */
export function markerFor(path: string): string {
  const label =
    markerLabels[path] ??
    (path.split('.').at(-1) ?? path)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .toLowerCase();
  return `[${label}]`;
}

/** A BCP 47 locale from the customer's language and country ("ro" + "RO" → "ro-RO"), falling back to the language. */
export function localeFor(language: string, country?: string | null): string {
  const candidates = country ? [`${language}-${country.toUpperCase()}`, language] : [language];
  for (const candidate of candidates) {
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // not a valid tag; try the next
    }
  }
  return 'en';
}

const formatCache = new Map<string, Intl.DateTimeFormat>();
function cached<T extends Intl.DateTimeFormat>(key: string, make: () => T): T {
  let format = formatCache.get(key);
  if (!format) {
    format = make();
    formatCache.set(key, format);
  }
  return format as T;
}

export type DateFormat = 'datetime' | 'date' | 'time';

const dateOptions: Record<DateFormat, Intl.DateTimeFormatOptions> = {
  datetime: { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' },
  date: { weekday: 'long', day: 'numeric', month: 'long' },
  time: { hour: 'numeric', minute: '2-digit' },
};

/** A moment in the customer's time zone and locale: "joi, 26 noiembrie la 12:00". */
export function formatMoment(moment: Date | string | number, info: LocaleInfo, format: DateFormat = 'datetime'): string | null {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) return null;
  const formatter = cached(
    `d|${info.locale}|${info.timeZone}|${format}`,
    () => new Intl.DateTimeFormat(info.locale, { ...dateOptions[format], timeZone: info.timeZone }),
  );
  return formatter.format(date);
}

function lookup(values: TemplateValues, path: string): TemplateValue {
  if (Object.hasOwn(values, path)) return values[path];
  let current: TemplateValue = values;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || current instanceof Date || isMoney(current)) return undefined;
    const record = current as { readonly [key: string]: TemplateValue };
    if (!Object.hasOwn(record, part)) return undefined;
    current = record[part];
  }
  return current;
}

const isDateLike = (path: string, format: string | undefined) =>
  format === 'date' || format === 'time' || format === 'datetime' || /(^|\.)(date|[a-z]*(Date|At))$/.test(path);

function render(value: TemplateValue, path: string, format: string | undefined, info: LocaleInfo): string | null {
  if (value === undefined || value === null) return null;
  if (isMoney(value)) {
    try {
      return formatMoney(value, info.locale);
    } catch {
      return null;
    }
  }
  if (value instanceof Date || (isDateLike(path, format) && (typeof value === 'string' || typeof value === 'number'))) {
    try {
      return formatMoment(value as Date | string | number, info, (format as DateFormat | undefined) ?? 'datetime');
    } catch {
      return null;
    }
  }
  if (typeof value === 'number') return Number.isFinite(value) ? new Intl.NumberFormat(info.locale).format(value) : null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return null;
}

const placeholderPattern = /\{\{\s*([A-Za-z][\w.]{0,80}?)\s*(?::\s*(datetime|date|time)\s*)?\}\}/g;

/**
 * Fills a script's placeholders for one customer. Amounts are formatted in the customer's locale
 * and currency, dates and times in their time zone; a missing value leaves a visible marker such
 * as "[order reference]" rather than empty text, and is listed in `missing`.
 */
export function fillTemplate(
  template: Pick<ScriptTemplate, 'body'> | string,
  values: TemplateValues,
  info: LocaleInfo,
): FilledTemplate {
  const body = typeof template === 'string' ? template : template.body;
  const missing: string[] = [];
  const text = body.replace(placeholderPattern, (_whole, path: string, format: string | undefined) => {
    const rendered = render(lookup(values, path), path, format, info);
    if (rendered !== null) return rendered;
    if (!missing.includes(path)) missing.push(path);
    return markerFor(path);
  });
  return { text, missing };
}
