import { z } from 'zod';
import { instant, listOf, moneyOut, pageOf } from '../../platform/http/schemas.ts';
import { customerStatuses, customerTiers, orderStatuses } from '../domain/customer.ts';

export const customerResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    externalId: z.string().nullable(),
    country: z.string(),
    region: z.string().nullable(),
    language: z.string(),
    currency: z.string(),
    timeZone: z.string(),
    tier: z.enum(customerTiers),
    lifetimeValue: moneyOut,
    tags: z.array(z.string()),
    notes: z.string(),
    status: z.enum(customerStatuses),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Customer' });

export const orderResponse = z
  .object({
    id: z.string(),
    customerId: z.string(),
    reference: z.string(),
    amount: moneyOut,
    status: z.enum(orderStatuses),
    description: z.string(),
    orderedAt: instant,
    shippedAt: instant.nullable(),
    deliveredAt: instant.nullable(),
    updatedAt: instant,
  })
  .meta({ id: 'Order' });

export const customerPage = pageOf(customerResponse);
export const orderList = listOf(orderResponse);
export const importReport = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
