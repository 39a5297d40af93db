import type { AuditChanges } from './diff.ts';
import type { AuditItem } from './list-audit.ts';

/** "lifetimeValue.amountMinor" → "Lifetime value amount minor": field paths as words. */
export function fieldLabel(path: string): string {
  const words = path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(valueText).join(', ');
  if (typeof value === 'object') {
    const money = value as { amountMinor?: unknown; currency?: unknown };
    if (typeof money.amountMinor === 'number' && typeof money.currency === 'string') {
      return `${money.currency} ${(money.amountMinor / 100).toFixed(2)}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** Pure: one readable line per changed field, "Tier: standard → vip". */
export function describeChanges(changes: AuditChanges): string[] {
  return Object.entries(changes).map(([path, { from, to }]) => `${fieldLabel(path)}: ${valueText(from)} → ${valueText(to)}`);
}

/**
 * One CSV cell, quoted, safe to open in a spreadsheet: a cell that starts with = + - @ (or a tab
 * or carriage return) is prefixed with ' so it is never run as a formula (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const auditCsvHeader = [
  'When',
  'Who',
  'Via token',
  'Action',
  'Subject type',
  'Subject id',
  'Subject',
  'Changes',
  'Details',
  'IP',
];

/** Pure: audit items as CSV rows (RFC 4180, CRLF line ends), header first. */
export function auditCsv(items: AuditItem[]): string {
  const lines = [auditCsvHeader, ...items.map((item) => auditCsvRow(item))];
  return `${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function auditCsvRow(item: AuditItem): string[] {
  return [
    item.at,
    item.actor?.name ?? 'System',
    item.tokenId ?? '',
    item.action,
    item.subjectType,
    item.subjectId ?? '',
    item.subjectLabel ?? '',
    describeChanges(item.changes).join('; '),
    Object.keys(item.details).length > 0 ? JSON.stringify(item.details) : '',
    item.ip ?? '',
  ];
}
