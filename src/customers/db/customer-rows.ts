import type { Kysely, Selectable } from 'kysely';
import { parseJsonColumn } from '../../platform/db/database.ts';
import type { CustomersTable, Database, OrdersTable } from '../../platform/db/schema.ts';
import type { Customer, CustomerStatus, CustomerTier, Order, OrderStatus } from '../domain/customer.ts';

export function customerFromRow(row: Selectable<CustomersTable>, emails: string[], phones: string[]): Customer {
  return {
    id: row.id,
    name: row.name,
    emails,
    phones,
    externalId: row.external_id,
    country: row.country,
    region: row.region,
    language: row.language,
    currency: row.currency,
    timeZone: row.time_zone,
    tier: row.tier as CustomerTier,
    lifetimeValue: { amountMinor: Number(row.lifetime_value_minor), currency: row.currency },
    tags: parseJsonColumn<string[]>(row.tags, []),
    notes: row.notes,
    status: row.status as CustomerStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function orderFromRow(row: Selectable<OrdersTable>): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    reference: row.reference,
    amount: { amountMinor: Number(row.amount_minor), currency: row.currency },
    status: row.status as OrderStatus,
    description: row.description,
    orderedAt: row.ordered_at,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    updatedAt: row.updated_at,
  };
}

/** Loads customers with their contacts in two queries, keeping the order of `ids`. */
export async function loadCustomers(db: Kysely<Database>, ids: readonly string[]): Promise<Customer[]> {
  if (ids.length === 0) return [];
  const [rows, contacts] = await Promise.all([
    db.selectFrom('customers').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('customer_contacts')
      .select(['customer_id', 'kind', 'value'])
      .where('customer_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const customers: Customer[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    const own = contacts.filter((contact) => contact.customer_id === id);
    customers.push(
      customerFromRow(
        row,
        own.filter((contact) => contact.kind === 'email').map((contact) => contact.value),
        own.filter((contact) => contact.kind === 'phone').map((contact) => contact.value),
      ),
    );
  }
  return customers;
}
