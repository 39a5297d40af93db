import { sql } from 'kysely';
import { escapeLike } from '../../platform/db/database.ts';
import { loadCustomers } from '../db/customer-rows.ts';
import { normalizePhoneNumber } from '../domain/contacts.ts';
import type { Customer, CustomerStatus, CustomerTier } from '../domain/customer.ts';
import type { CustomerDeps } from './customer-deps.ts';

export interface SearchCustomersInput {
  query?: string | undefined;
  status?: CustomerStatus | undefined;
  tier?: CustomerTier | undefined;
  limit: number;
  cursor?: string | undefined;
}

function decodeCursor(cursor: string | undefined): { name: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    return typeof name === 'string' && typeof id === 'string' ? { name, id } : null;
  } catch {
    return null;
  }
}

/** Matches the name, any e-mail or phone, or the external id; ordered by name. */
export async function searchCustomers(
  deps: Pick<CustomerDeps, 'db'>,
  input: SearchCustomersInput,
): Promise<{ items: Customer[]; nextCursor: string | null }> {
  let query = deps.db.selectFrom('customers').select(['id', 'name_search']);
  const text = input.query?.trim().toLowerCase();
  if (text) {
    const pattern = `%${escapeLike(text)}%`;
    const phone = normalizePhoneNumber(text);
    query = query.where((builder) =>
      builder.or([
        builder(sql`name_search`, 'like', sql`${pattern} escape '\\'`),
        builder('external_id', '=', input.query?.trim() ?? ''),
        builder(
          'id',
          'in',
          builder
            .selectFrom('customer_contacts')
            .select('customer_id')
            .where((contacts) =>
              contacts.or([
                contacts(sql`value`, 'like', sql`${pattern} escape '\\'`),
                ...(phone.replace('+', '').length >= 4
                  ? [contacts(sql`value`, 'like', sql`${`%${escapeLike(phone.replace('+', ''))}%`} escape '\\'`)]
                  : []),
              ]),
            ),
        ),
      ]),
    );
  }
  if (input.status) query = query.where('status', '=', input.status);
  if (input.tier) query = query.where('tier', '=', input.tier);
  const after = decodeCursor(input.cursor);
  if (after) {
    query = query.where((builder) =>
      builder.or([
        builder('name_search', '>', after.name),
        builder.and([builder('name_search', '=', after.name), builder('id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('name_search')
    .orderBy('id')
    .limit(input.limit + 1)
    .execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await loadCustomers(
      deps.db,
      page.map((row) => row.id),
    ),
    nextCursor:
      rows.length > input.limit && last ? Buffer.from(JSON.stringify([last.name_search, last.id])).toString('base64url') : null,
  };
}
