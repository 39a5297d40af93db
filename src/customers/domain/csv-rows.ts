import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { customerError } from './customer-errors.ts';
import { type CustomerFieldsInput, customerFieldsSchema, type OrderFieldsInput, orderFieldsSchema } from './customer-schema.ts';
import { parseMajorAmount } from './locale-rules.ts';

export const maxImportRows = 50_000;

export interface RejectedRow {
  /** 1-based line in the file, counting the header as line 1. */
  row: number;
  reason: string;
}

/** Reads CSV text with a header row into records keyed by lower-cased header names. */
export function readCsv(text: string): Array<Record<string, string>> {
  let records: Array<Record<string, string>>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as Array<Record<string, string>>;
  } catch (error) {
    throw customerError('csv-unreadable', `The CSV could not be read: ${(error as Error).message}`);
  }
  if (records.length > maxImportRows) {
    throw customerError('csv-too-many-rows', `A file may hold at most ${maxImportRows} rows; split it into parts.`);
  }
  return records;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'} ${issue.message}`).join('; ');
}

const blankToUndefined = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
const splitList = (value: string | undefined, separator: RegExp) =>
  value
    ? value
        .split(separator)
        .map((part) => part.trim())
        .filter(Boolean)
    : undefined;

/**
 * One CSV record to customer fields, or the reason it cannot be imported. `provided` names the
 * fields the row actually filled, so updating an existing customer leaves blank columns alone.
 */
export function customerFromCsv(
  record: Record<string, string>,
): { fields: CustomerFieldsInput; provided: Array<keyof CustomerFieldsInput> } | { reason: string } {
  const givenCurrency = blankToUndefined(record.currency)?.toUpperCase();
  const currency = givenCurrency ?? 'USD';
  let lifetimeValueMinor: number | undefined;
  if (blankToUndefined(record.lifetime_value)) {
    const parsed = parseMajorAmount(record.lifetime_value ?? '', currency);
    if (parsed === null) return { reason: `lifetime_value "${record.lifetime_value}" is not an amount in ${currency}` };
    lifetimeValueMinor = parsed;
  }
  const candidate = {
    name: record.name ?? '',
    emails: splitList(record.email ?? record.emails, /[;,\s]+/),
    phones: splitList(record.phone ?? record.phones, /[;,]+/),
    externalId: blankToUndefined(record.external_id) ?? null,
    country: blankToUndefined(record.country)?.toUpperCase(),
    region: blankToUndefined(record.region) ?? null,
    language: blankToUndefined(record.language)?.toLowerCase(),
    currency: givenCurrency,
    timeZone: blankToUndefined(record.time_zone),
    tier: blankToUndefined(record.tier)?.toLowerCase(),
    lifetimeValueMinor,
    tags: splitList(record.tags, /;/),
    notes: blankToUndefined(record.notes),
    status: blankToUndefined(record.status)?.toLowerCase(),
  };
  const result = customerFieldsSchema.safeParse(candidate);
  if (!result.success) return { reason: describeIssues(result.error) };
  const provided = (Object.keys(candidate) as Array<keyof typeof candidate>).filter(
    (key) => candidate[key] !== undefined && candidate[key] !== null,
  );
  return { fields: result.data, provided };
}

export interface OrderCsvRecord {
  customerExternalId: string | undefined;
  customerEmail: string | undefined;
  fields: Omit<OrderFieldsInput, 'customerId'>;
}

const orderWithoutCustomer = orderFieldsSchema.omit({ customerId: true });

function csvDate(value: string | undefined): string | null | undefined {
  const text = blankToUndefined(value);
  if (!text) return null;
  // Accept plain dates (2026-11-03) as midnight UTC; full timestamps pass through.
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
}

export function orderFromCsv(record: Record<string, string>): OrderCsvRecord | { reason: string } {
  const customerExternalId = blankToUndefined(record.customer_external_id);
  const customerEmail = blankToUndefined(record.customer_email);
  if (!customerExternalId && !customerEmail) return { reason: 'needs customer_external_id or customer_email' };
  const currency = (blankToUndefined(record.currency) ?? '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { reason: `currency "${record.currency ?? ''}" is not an ISO 4217 code` };
  const amountMinor = parseMajorAmount(record.amount ?? '', currency);
  if (amountMinor === null) return { reason: `amount "${record.amount ?? ''}" is not an amount in ${currency}` };
  const result = orderWithoutCustomer.safeParse({
    reference: record.reference ?? '',
    amount: { amountMinor, currency },
    status: blankToUndefined(record.status)?.toLowerCase(),
    description: blankToUndefined(record.description),
    orderedAt: csvDate(record.ordered_at) ?? undefined,
    shippedAt: csvDate(record.shipped_at),
    deliveredAt: csvDate(record.delivered_at),
  });
  if (!result.success) return { reason: describeIssues(result.error) };
  return { customerExternalId, customerEmail, fields: result.data };
}
