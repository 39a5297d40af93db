import { z } from 'zod';
import { isEmailAddress, isPhoneNumber } from './contacts.ts';
import { customerStatuses, customerTiers, orderStatuses } from './customer.ts';
import { isCountryCode, isCurrencyCode, isLanguageCode, isTimeZone } from './locale-rules.ts';

// One schema language for the API, the CSV import and the UI: these are the rules of a customer record.
export const countryField = z.string().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as RO');
export const languageField = z.string().refine(isLanguageCode, 'must be an ISO 639-1 language code such as ro');
export const currencyField = z.string().refine(isCurrencyCode, 'must be an ISO 4217 currency code such as RON');
export const timeZoneField = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Bucharest');
export const emailField = z.string().trim().refine(isEmailAddress, 'must be an e-mail address');
export const phoneField = z.string().trim().refine(isPhoneNumber, 'must be a phone number such as +40 721 234 567');

export const customerFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  emails: z.array(emailField).max(20).default([]),
  phones: z.array(phoneField).max(20).default([]),
  externalId: z.string().trim().min(1).max(100).nullable().default(null),
  country: countryField.default('US'),
  region: z.string().trim().max(100).nullable().default(null),
  language: languageField.default('en'),
  currency: currencyField.default('USD'),
  timeZone: timeZoneField.default('UTC'),
  tier: z.enum(customerTiers).default('standard'),
  lifetimeValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  notes: z.string().max(20_000).default(''),
  status: z.enum(customerStatuses).default('active'),
});

export const customerPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  emails: z.array(emailField).max(20).optional(),
  phones: z.array(phoneField).max(20).optional(),
  externalId: z.string().trim().min(1).max(100).nullable().optional(),
  country: countryField.optional(),
  region: z.string().trim().max(100).nullable().optional(),
  language: languageField.optional(),
  currency: currencyField.optional(),
  timeZone: timeZoneField.optional(),
  tier: z.enum(customerTiers).optional(),
  lifetimeValueMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  notes: z.string().max(20_000).optional(),
  status: z.enum(customerStatuses).optional(),
});

const isoDateTime = z.iso.datetime({ offset: true });

export const orderFieldsSchema = z.strictObject({
  customerId: z.string().min(1).max(64),
  reference: z.string().trim().min(1).max(100),
  amount: z.strictObject({ amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), currency: currencyField }),
  status: z.enum(orderStatuses),
  description: z.string().max(2000).default(''),
  orderedAt: isoDateTime,
  shippedAt: isoDateTime.nullable().default(null),
  deliveredAt: isoDateTime.nullable().default(null),
});

export const orderPatchSchema = z.strictObject({
  status: z.enum(orderStatuses).optional(),
  description: z.string().max(2000).optional(),
  shippedAt: isoDateTime.nullable().optional(),
  deliveredAt: isoDateTime.nullable().optional(),
});

export type CustomerFieldsInput = z.infer<typeof customerFieldsSchema>;
export type CustomerPatch = z.infer<typeof customerPatchSchema>;
export type OrderFieldsInput = z.infer<typeof orderFieldsSchema>;
export type OrderPatch = z.infer<typeof orderPatchSchema>;
