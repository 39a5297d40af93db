import { describe, expect, it } from 'vitest';
import { erasedText, retentionCutoff, scrubAnalysis, scrubCoachReview, scrubStrings } from './anonymise.ts';
import { escapeHtml, renderExportHtml } from './export-html.ts';

describe('anonymising stored JSON', () => {
  it('keeps an analysis numbers and signals but not the quoted words', () => {
    const scrubbed = scrubAnalysis({
      heat: 71,
      category: { name: 'delivery', score: 0.8 },
      evidence: [{ signal: 'abuse.insult', start: 4, end: 9, text: 'idiot' }],
    }) as { heat: number; evidence: Array<Record<string, unknown>> };
    expect(scrubbed.heat).toBe(71);
    expect(scrubbed.evidence).toEqual([{ signal: 'abuse.insult', start: 0, end: 0, text: erasedText }]);
    expect(JSON.stringify(scrubbed)).not.toContain('idiot');
  });

  it('keeps a coach review practices but not the findings text', () => {
    const review = scrubCoachReview({ practices: ['apology'], findings: [{ kind: 'blame', text: 'Zelda, you', message: 'x' }] });
    expect(JSON.stringify(review)).not.toContain('Zelda');
    expect(review).toMatchObject({ practices: ['apology'] });
  });

  it('replaces every text value in audit details and keeps keys and numbers', () => {
    expect(scrubStrings({ changes: { name: { before: 'Zelda', after: 'Z' } }, count: 3, flags: [true, 'x'] })).toEqual({
      changes: { name: { before: erasedText, after: erasedText } },
      count: 3,
      flags: [true, erasedText],
    });
  });

  it('computes the retention cut-off in calendar months, clamping to the month end', () => {
    expect(retentionCutoff(new Date('2026-03-31T12:00:00.000Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(retentionCutoff(new Date('2026-11-24T10:00:00.000Z'), 12).toISOString()).toBe('2025-11-24T10:00:00.000Z');
  });
});

describe('the export page', () => {
  it('escapes every value a customer or agent wrote', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
    const html = renderExportHtml({
      exportedAt: '2026-11-24T10:00:00.000Z',
      customer: { name: '<b>Eve</b>', emails: ['eve@example.com'], notes: '</dd><script>x()</script>' },
      conversations: [{ number: 1001, subject: '<i>hi</i>', messages: [{ kind: 'customer', body: '<script>y()</script>' }] }],
    });
    expect(html).not.toMatch(/<script|<b>|<i>/);
    expect(html).toContain('&#60;b&#62;Eve&#60;/b&#62;');
    expect(html).toContain('Case #1001');
  });
});
