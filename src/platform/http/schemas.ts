import { z } from 'zod';

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
export const moneySchema = z.strictObject({
  amountMinor: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  currency: currencyCode,
});
export const idParams = z.strictObject({ id: z.string().min(1).max(64) });
export const isoDateTime = z.iso.datetime({ offset: true });
export const limitQuery = z.coerce.number().int().min(1).max(200).default(50);
