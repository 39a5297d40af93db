/**
 * Money, as everywhere in Defuse: integer minor units plus an ISO 4217 code, never floats.
 * Pure and neutral so that users (approval limits), customers (lifetime value, orders), realtime
 * events and the scripts library share one type without importing each other.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

export function isMoney(value: unknown): value is Money {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Money).amountMinor === 'number' &&
    Number.isSafeInteger((value as Money).amountMinor) &&
    typeof (value as Money).currency === 'string'
  );
}

/** Minor units to an exact decimal string: 124900 RON → "1249.00", 32800 JPY → "32800". */
export function minorToDecimal(amountMinor: number, fractionDigits: number): string {
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(fractionDigits + 1, '0');
  const whole = fractionDigits === 0 ? digits : digits.slice(0, -fractionDigits);
  const fraction = fractionDigits === 0 ? '' : `.${digits.slice(-fractionDigits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Money in the customer's locale, with Intl.NumberFormat and no floating point on the way:
 * 124900 RON in ro-RO → "1.249,00 RON", 32800 JPY in ja-JP → "￥32,800".
 */
export function formatMoney(money: Money, locale: string): string {
  const key = `${locale}|${money.currency}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    numberFormats.set(key, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorToDecimal(money.amountMinor, digits) as Intl.StringNumericLiteral);
}
