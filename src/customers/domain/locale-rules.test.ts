import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber } from './contacts.ts';
import { currencyFractionDigits, isCountryCode, isTimeZone, parseMajorAmount } from './locale-rules.ts';

describe('amounts in major units become integer minor units without floating point', () => {
  it('reads lei, yen and dinars with their own decimals', () => {
    expect(parseMajorAmount('1249,00', 'RON')).toBe(124900);
    expect(parseMajorAmount('1 249.5', 'RON')).toBe(124950);
    expect(parseMajorAmount('98000', 'JPY')).toBe(98000);
    expect(parseMajorAmount('12.5', 'JPY')).toBeNull();
    expect(parseMajorAmount('1.234', 'KWD')).toBe(1234);
    expect(parseMajorAmount('0.1', 'EUR')).toBe(10);
    expect(parseMajorAmount('abc', 'EUR')).toBeNull();
    expect(currencyFractionDigits('JPY')).toBe(0);
  });

  it('round-trips any amount of cents exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (minor) => {
        const text = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
        return parseMajorAmount(text, 'EUR') === minor;
      }),
    );
  });
});

describe('locale codes are checked against the runtime ICU data', () => {
  it('knows countries and time zones', () => {
    expect(isCountryCode('RO')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isTimeZone('Europe/Bucharest')).toBe(true);
    expect(isTimeZone('Mars/Base')).toBe(false);
  });
});

describe('phone numbers', () => {
  it('compares numbers written in different ways as one', () => {
    expect(normalizePhoneNumber('+40 (721) 234-567')).toBe('+40721234567');
    expect(normalizePhoneNumber('0721.234.567')).toBe('0721234567');
  });
});
