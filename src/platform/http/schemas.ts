import { z } from 'zod';

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
export const moneySchema = z.strictObject({
  amountMinor: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  currency: currencyCode,
});
export const idParams = z.strictObject({ id: z.string().min(1).max(64) });
export const isoDateTime = z.iso.datetime({ offset: true });
export const limitQuery = z.coerce.number().int().min(1).max(200).default(50);

// Response building blocks. Responses are serialised through their schemas: a field that is not
// declared is not sent, so a new column never leaks by accident.
export const moneyOut = z.object({ amountMinor: z.number().int(), currency: z.string() });
export const instant = z.string().describe('ISO-8601 UTC time');
export const personRef = z.object({ id: z.string(), name: z.string() });
export const nextCursor = z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page');
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item) });
}
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor });
}
/** 204: nothing in the body. */
export const noContent = z.undefined().describe('No content');
