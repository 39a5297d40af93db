import { describe, expect, it } from 'vitest';
import { auditCsv, csvCell, describeChanges, fieldLabel } from './audit-csv.ts';
import { diffRecords } from './diff.ts';
import type { AuditItem } from './list-audit.ts';

describe('diffRecords', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(diffRecords({ tier: 'standard', name: 'Ana', tags: ['a'] }, { tier: 'vip', name: 'Ana', tags: ['a'] })).toEqual({
      tier: { from: 'standard', to: 'vip' },
    });
  });

  it('treats a created record as every field from null, a deleted one as every field to null', () => {
    expect(diffRecords(null, { name: 'Ana', region: null })).toEqual({ name: { from: null, to: 'Ana' } });
    expect(diffRecords({ name: 'Ana' }, null)).toEqual({ name: { from: 'Ana', to: null } });
  });

  it('compares nested objects field by field, arrays and money as whole values', () => {
    const before = { imap: { host: 'a', port: 993 }, emails: ['x@y'], value: { amountMinor: 1, currency: 'EUR' } };
    const after = { imap: { host: 'b', port: 993 }, emails: ['x@y', 'z@y'], value: { amountMinor: 2, currency: 'EUR' } };
    expect(diffRecords(before, after)).toEqual({
      'imap.host': { from: 'a', to: 'b' },
      emails: { from: ['x@y'], to: ['x@y', 'z@y'] },
      value: { from: { amountMinor: 1, currency: 'EUR' }, to: { amountMinor: 2, currency: 'EUR' } },
    });
  });

  it('never reveals a secret: only set, not set, or a new value', () => {
    const secrets = { secrets: ['imap.password', 'url'] };
    expect(diffRecords({ imap: { password: null } }, { imap: { password: 'sealed-1' } }, secrets)).toEqual({
      'imap.password': { from: 'not set', to: 'set' },
    });
    expect(diffRecords({ url: 'sealed-1' }, { url: 'sealed-2' }, secrets)).toEqual({
      url: { from: 'set', to: 'set (new value)' },
    });
    expect(diffRecords({ url: 'sealed-1' }, { url: null }, secrets)).toEqual({ url: { from: 'set', to: 'not set' } });
    expect(diffRecords({ url: 'same' }, { url: 'same' }, secrets)).toEqual({});
  });

  it('skips ignored fields', () => {
    expect(diffRecords({ updatedAt: '1', a: 1 }, { updatedAt: '2', a: 1 }, { ignore: ['updatedAt'] })).toEqual({});
  });
});

describe('audit CSV', () => {
  it('prefixes cells that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    expect(csvCell('plain "quoted"')).toBe('"plain ""quoted"""');
  });

  it('describes changes as readable lines', () => {
    expect(fieldLabel('lifetimeValue')).toBe('Lifetime value');
    expect(fieldLabel('imap.host')).toBe('Imap host');
    expect(
      describeChanges({
        tier: { from: 'standard', to: 'vip' },
        lifetimeValue: { from: { amountMinor: 1000, currency: 'EUR' }, to: { amountMinor: 250000, currency: 'EUR' } },
        tags: { from: [], to: ['a', 'b'] },
        region: { from: null, to: 'Cluj' },
      }),
    ).toEqual([
      'Tier: standard → vip',
      'Lifetime value: EUR 10.00 → EUR 2500.00',
      'Tags: (none) → a, b',
      'Region: (empty) → Cluj',
    ]);
  });

  it('writes a header and one CRLF row per entry', () => {
    const item: AuditItem = {
      id: '1',
      at: '2026-11-24T10:00:00.000Z',
      actor: { id: 'u', name: '@admin' },
      tokenId: null,
      action: 'customer.updated',
      subjectType: 'customer',
      subjectId: 'c1',
      subjectLabel: '-1+1',
      changes: { tier: { from: 'standard', to: 'vip' } },
      details: {},
      ip: '127.0.0.1',
    };
    const lines = auditCsv([item]).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      `"2026-11-24T10:00:00.000Z","'@admin","","customer.updated","customer","c1","'-1+1","Tier: standard → vip","","127.0.0.1"`,
    );
  });
});
