import type { Money } from '../api/types';

/** How many minor-unit digits a currency has (JPY 0, RON 2, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as an exact decimal string, e.g. 123450 RON → "1234.50". */
export function minorToDecimal(amountMinor: number, digits: number): string {
  const negative = amountMinor < 0;
  const text = Math.abs(Math.trunc(amountMinor))
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits > 0 ? text.slice(0, -digits) : text;
  const fraction = digits > 0 ? `.${text.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** A major-unit text like "1234.5" or "1 234,50" into minor units; null when it is not a number. */
export function decimalToMinor(text: string, digits: number): number | null {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (!match[2] && !match[3])) return null;
  const fraction = match[3] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(`${match[2] || '0'}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) return null;
  return match[1] ? -minor : minor;
}

export function formatMoney(money: Money, locale?: string): string {
  const digits = currencyDigits(money.currency);
  const options: Intl.NumberFormatOptions = {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  };
  const decimal = minorToDecimal(money.amountMinor, digits);
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, options);
  } catch {
    try {
      format = new Intl.NumberFormat(undefined, options);
    } catch {
      return `${decimal} ${money.currency}`;
    }
  }
  // A decimal string keeps large amounts exact where the engine supports it.
  return format.format(decimal as unknown as number);
}
