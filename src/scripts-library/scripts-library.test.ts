import { describe, expect, it } from 'vitest';
import { reviewReply } from '../coach/review-reply.ts';
import { playbookStepIds } from '../playbook/steps.ts';
import {
  coreTemplates,
  englishTemplates,
  fillTemplate,
  formatMoney,
  isWithinBusinessHours,
  localeFor,
  markerFor,
  rankTemplates,
  regionalGuidanceDefaults,
  regionalGuidanceFor,
  type ScriptTemplate,
  shippedTemplates,
} from './index.ts';

const nbsp = /[\u00a0\u202f ]/;

describe('filling a script for one customer', () => {
  it('shows a Romanian customer lei, formatted the Romanian way, and dates in Bucharest time', () => {
    const { text, missing } = fillTemplate(
      'Bună ziua, {{customer.formalAddress}}, rambursăm {{amount}} pentru {{order.reference}} până {{date}}. {{agent.firstName}}',
      {
        customer: { formalAddress: 'domnule Ionescu' },
        order: { reference: 'ORD-48213' },
        amount: { amountMinor: 124900, currency: 'RON' },
        date: '2026-11-26T10:00:00Z',
        agent: { firstName: 'Ana' },
      },
      { locale: localeFor('ro', 'RO'), timeZone: 'Europe/Bucharest' },
    );
    expect(missing).toEqual([]);
    expect(text).toMatch(new RegExp(`1\\.249,00${nbsp.source}(RON|lei)`));
    expect(text).toContain('joi, 26 noiembrie');
    expect(text).toContain('12:00');
    expect(text).toContain('domnule Ionescu');
  });

  it('formats yen with no decimals and times in Tokyo', () => {
    expect(formatMoney({ amountMinor: 32800, currency: 'JPY' }, 'ja-JP')).toMatch(/^[￥¥]32,800$/);
    const { text } = fillTemplate('{{date:time}}', { date: '2026-11-26T10:00:00Z' }, { locale: 'ja-JP', timeZone: 'Asia/Tokyo' });
    expect(text).toBe('19:00');
  });

  it('uses the customer’s own time zone across a date line', () => {
    const moment = '2026-11-26T03:30:00Z';
    expect(fillTemplate('{{date:date}}', { date: moment }, { locale: 'en-US', timeZone: 'America/Los_Angeles' }).text).toBe(
      'Wednesday, November 25',
    );
    expect(fillTemplate('{{date:date}}', { date: moment }, { locale: 'en-GB', timeZone: 'Europe/London' }).text).toBe(
      'Thursday 26 November',
    );
  });

  it('never goes through floating point for money', () => {
    expect(formatMoney({ amountMinor: 900719925474099, currency: 'EUR' }, 'de-DE')).toMatch(/^9\.007\.199\.254\.740,99\s€$/);
    expect(formatMoney({ amountMinor: 1, currency: 'KWD' }, 'en')).toMatch(/0\.001/);
    expect(formatMoney({ amountMinor: -5, currency: 'USD' }, 'en-US')).toBe('-$0.05');
  });

  it('leaves a visible marker for a missing value instead of empty text', () => {
    const { text, missing } = fillTemplate(
      'Order {{order.reference}} for {{ customer.firstName }}: {{amount}} {{somethingNew}}',
      {},
      {
        locale: 'en-GB',
        timeZone: 'Europe/London',
      },
    );
    expect(text).toBe('Order [order reference] for [first name]: [amount] [something new]');
    expect(missing).toEqual(['order.reference', 'customer.firstName', 'amount', 'somethingNew']);
    expect(markerFor('colleague.firstName')).toBe('[colleague name]');
  });

  it('treats blank and broken values as missing', () => {
    const { text } = fillTemplate(
      '{{customer.firstName}} {{date}} {{amount}}',
      { customer: { firstName: '  ' }, date: 'not a date', amount: { amountMinor: 5, currency: 'nope' } },
      {
        locale: 'en',
        timeZone: 'UTC',
      },
    );
    expect(text).toBe('[first name] [date] [amount]');
  });
});

describe('the shipped library', () => {
  it('has at least 40 English scripts covering every playbook step', () => {
    expect(englishTemplates.length).toBeGreaterThanOrEqual(40);
    for (const step of playbookStepIds) expect(englishTemplates.some((template) => template.step === step)).toBe(true);
  });

  it('covers the common situations', () => {
    const tags = new Set(englishTemplates.flatMap((template) => [...(template.categories ?? []), ...(template.intents ?? [])]));
    for (const tag of [
      'billing',
      'delivery',
      'product-defect',
      'account-access',
      'refund',
      'cancellation',
      'public-threat',
      'abuse',
      'legal-threat',
    ]) {
      expect(tags).toContain(tag);
    }
  });

  it('has the core set in German, French, Spanish and Romanian', () => {
    const cores = [
      'acknowledge',
      'clarify',
      'reassure',
      'explain-solution',
      'escalate',
      'follow-up',
      'boundary',
      'decline-with-alternative',
    ];
    for (const language of ['de', 'fr', 'es', 'ro']) {
      expect(coreTemplates.filter((template) => template.language === language).map((template) => template.id)).toEqual(
        cores.map((core) => `${language}-${core}`),
      );
    }
  });

  it('has unique ids', () => {
    expect(new Set(shippedTemplates.map((template) => template.id)).size).toBe(shippedTemplates.length);
  });

  it('passes its own coach once filled: no blame, condescension, sarcasm or shouting', () => {
    const values = {
      customer: { firstName: 'Mihai', formalAddress: 'domnule Ionescu' },
      order: { reference: 'ORD-48213' },
      amount: { amountMinor: 124900, currency: 'RON' },
      date: '2026-11-26T10:00:00Z',
      agent: { firstName: 'Ana' },
      company: { name: 'Brightwell Home & Tech' },
      colleague: { firstName: 'Marta' },
      product: { name: 'CleanBot S7' },
      concern: 'you were charged twice',
      reason: 'the item was used',
      alternative: 'a free repair',
      fix: 'refunded the second payment',
      update: 'the bank has confirmed the refund',
      change: 'we now check for double payments every morning',
    };
    for (const template of shippedTemplates) {
      const { text, missing } = fillTemplate(template, values, {
        locale: localeFor(template.language, 'RO'),
        timeZone: 'Europe/Bucharest',
      });
      expect(missing, template.id).toEqual([]);
      const problems = reviewReply(text, { customerLanguage: template.language, customerCurrency: 'RON' }).findings.filter(
        (finding) =>
          [
            'blame',
            'condescension',
            'sarcasm',
            'shouting',
            'arguing',
            'excuse',
            'wrong-currency',
            'unfilled-placeholder',
          ].includes(finding.kind),
      );
      expect(problems, `${template.id}: ${problems.map((problem) => problem.text).join(', ')}`).toEqual([]);
    }
  });
});

describe('ranking scripts for the situation', () => {
  it('puts the Romanian acknowledgement first for a hot Romanian billing dispute at step 1', () => {
    const ranked = rankTemplates(shippedTemplates, {
      step: 'initial_contact',
      intents: ['refund'],
      categories: ['billing'],
      language: 'ro',
      country: 'RO',
      tier: 'gold',
    });
    expect(ranked[0]?.template.id).toBe('ro-acknowledge');
    expect(ranked[0]?.reasons).toContain('fits the current step');
    expect(ranked.some((entry) => entry.template.language === 'de')).toBe(false);
    const english = ranked.find((entry) => entry.template.id === 'en-acknowledge-double-charge');
    expect(english?.reasons[0]).toMatch(/English/);
  });

  it('prefers the script for the customer’s intent and category, in English', () => {
    const ranked = rankTemplates(shippedTemplates, {
      step: 'resolve',
      intents: ['refund'],
      categories: ['billing'],
      language: 'en',
      tier: 'standard',
    });
    const best = ranked[0]?.template;
    expect(best?.step).toBe('resolve');
    expect(best?.intents).toContain('refund');
    expect(best?.categories).toContain('billing');
    expect(ranked.some((entry) => entry.template.id === 'en-delivery-missed-redelivery')).toBe(false);
  });

  it('leaves out retired scripts and other regions, and keeps only the newest version', () => {
    const base: ScriptTemplate = { id: 'x', version: 1, title: 'x', step: 'listen', language: 'en', body: 'old' };
    const ranked = rankTemplates(
      [
        base,
        { ...base, version: 2, body: 'new' },
        { ...base, id: 'gone', retired: true },
        { ...base, id: 'br-only', regions: ['BR'] },
      ],
      { step: 'listen', language: 'en', country: 'RO' },
    );
    expect(ranked.map((entry) => [entry.template.id, entry.template.body])).toEqual([['x', 'new']]);
  });
});

describe('regional guidance', () => {
  it('has defaults for the ten demo countries', () => {
    expect(Object.keys(regionalGuidanceDefaults).sort()).toEqual(['BR', 'DE', 'ES', 'FR', 'GB', 'IN', 'JP', 'RO', 'SE', 'US']);
    for (const guidance of Object.values(regionalGuidanceDefaults)) {
      expect(guidance.holidays.length).toBeGreaterThan(2);
      expect(guidance.formality.length).toBeGreaterThan(20);
      expect(() => new Intl.DateTimeFormat(guidance.locale, { timeZone: guidance.businessHours.timeZone })).not.toThrow();
    }
    expect(regionalGuidanceFor('ro')?.notes.join(' ')).toMatch(/lei/);
    expect(regionalGuidanceFor('XX')).toBeNull();
  });

  it('knows business hours in the customer’s zone', () => {
    const romania = regionalGuidanceFor('RO');
    if (!romania) throw new Error('missing');
    expect(isWithinBusinessHours(romania, Date.parse('2026-11-24T08:30:00Z'))).toBe(true); // Tuesday 10:30 in Bucharest
    expect(isWithinBusinessHours(romania, Date.parse('2026-11-24T17:30:00Z'))).toBe(false); // 19:30
    expect(isWithinBusinessHours(romania, Date.parse('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
  });
});
