import type { Money } from '../../platform/money.ts';

export const customerTiers = ['standard', 'gold', 'vip'] as const;
export type CustomerTier = (typeof customerTiers)[number];
export const customerStatuses = ['active', 'watch', 'ended'] as const;
export type CustomerStatus = (typeof customerStatuses)[number];
export const orderStatuses = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded', 'disputed'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface Customer {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  externalId: string | null;
  country: string;
  region: string | null;
  language: string;
  currency: string;
  timeZone: string;
  tier: CustomerTier;
  lifetimeValue: Money;
  tags: string[];
  notes: string;
  status: CustomerStatus;
  createdAt: string;
  updatedAt: string;
}

/** What a caller may set on a customer; defaults fill the rest on create. */
export interface CustomerFields {
  name: string;
  emails: string[];
  phones: string[];
  externalId: string | null;
  country: string;
  region: string | null;
  language: string;
  currency: string;
  timeZone: string;
  tier: CustomerTier;
  lifetimeValueMinor: number;
  tags: string[];
  notes: string;
  status: CustomerStatus;
}

export interface Order {
  id: string;
  customerId: string;
  reference: string;
  amount: Money;
  status: OrderStatus;
  description: string;
  orderedAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  updatedAt: string;
}

export const defaultCustomerFields: Omit<CustomerFields, 'name'> = {
  emails: [],
  phones: [],
  externalId: null,
  country: 'US',
  region: null,
  language: 'en',
  currency: 'USD',
  timeZone: 'UTC',
  tier: 'standard',
  lifetimeValueMinor: 0,
  tags: [],
  notes: '',
  status: 'active',
};
