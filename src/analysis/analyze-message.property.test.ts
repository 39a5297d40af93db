import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeMessage, type MessageAnalysis } from './index.ts';

function expectValid(text: string, r: MessageAnalysis): void {
  expect(Number.isInteger(r.heat)).toBe(true);
  expect(r.heat).toBeGreaterThanOrEqual(0);
  expect(r.heat).toBeLessThanOrEqual(100);
  const scores = [r.complaint, ...Object.values(r.emotions), ...Object.values(r.abuse), ...Object.values(r.intents)];
  for (const s of scores) {
    expect(s.score).toBeGreaterThanOrEqual(0);
    expect(s.score).toBeLessThanOrEqual(1);
    expect(s.detected).toBe(s.score >= 0.5);
  }
  expect(r.category.score).toBeGreaterThanOrEqual(0);
  expect(r.category.score).toBeLessThanOrEqual(1);
  expect(typeof r.language.code).toBe('string');
  for (const e of r.evidence) {
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeLessThanOrEqual(text.length);
    expect(e.start).toBeLessThan(e.end);
    expect(text.slice(e.start, e.end)).toBe(e.text);
  }
}

const rtl = fc.string({ unit: fc.constantFrom(...'אבגדהוזחטיכלמנסעפצקרשת שלום مرحبا بالعالم') });
const emoji = fc.string({ unit: fc.constantFrom('😡', '🤬', '👍', '🙏', '❤️', '👩‍👩‍👧', '🇩🇪', ' ', '!') });
const junk = fc.string({ unit: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)), maxLength: 200 });
const mixed = fc
  .array(fc.constantFrom('refund', 'Geld zurück', 'идиот', 'مرحبا', '中文', 'f*ck', 'ƒuck', 'YOU', '!!!', ':(', '😡', 'ß'), {
    maxLength: 30,
  })
  .map((parts) => parts.join(' '));
const longWord = fc.integer({ min: 100, max: 5000 }).map((n) => 'a'.repeat(n) + 'f*ck'.repeat(3) + 'ü'.repeat(n));

describe('analyzeMessage on bad input (property-based)', () => {
  it('never crashes and stays valid on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => expectValid(text, analyzeMessage(text))),
      { numRuns: 150 },
    );
  });
  it('handles binary junk, lone surrogates and control characters', () => {
    fc.assert(
      fc.property(junk, (text) => expectValid(text, analyzeMessage(text))),
      { numRuns: 150 },
    );
    const lone = '\ud800abc\udfff\u0000\u0007 refund';
    expectValid(lone, analyzeMessage(lone));
  });
  it('handles emoji-only, RTL scripts, mixed scripts and extremely long words', () => {
    for (const arb of [emoji, rtl, mixed, longWord]) {
      fc.assert(
        fc.property(arb, (text) => expectValid(text, analyzeMessage(text))),
        { numRuns: 60 },
      );
    }
  });
  it.each(['', ' ', '\n\t  \r\n', '\u200b\u200b'])('empty / whitespace input %#', (text) => {
    const r = analyzeMessage(text);
    expectValid(text, r);
    expect(r.heat).toBe(0);
    expect(r.language.code).toBe('und');
  });
  it('analyses a 1 MB message in bounded time with valid spans', () => {
    const base = 'You idiots charged me twice!!! I want a refund or I go to my lawyer. ';
    const text = base.repeat(Math.ceil(1_000_000 / base.length)).slice(0, 1_000_000);
    const started = performance.now();
    const r = analyzeMessage(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expectValid(text, r);
    expect(r.evidence.length).toBeLessThanOrEqual(64);
  });
  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(analyzeMessage(text)).toEqual(analyzeMessage(text));
      }),
      { numRuns: 50 },
    );
  });
});

describe('shown scores agree with detection', () => {
  it('a score just under the threshold is never shown as 0.5 (found by the property above: "AQ94iO")', () => {
    const r = analyzeMessage('AQ94iO');
    for (const s of [r.complaint, ...Object.values(r.emotions), ...Object.values(r.abuse), ...Object.values(r.intents)]) {
      expect(s.detected).toBe(s.score >= 0.5);
    }
  });
});
