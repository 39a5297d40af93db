import type { Kysely } from 'kysely';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';
import { normalizeEmailAddress, normalizePhoneNumber } from '../domain/contacts.ts';
import { defaultCustomerFields } from '../domain/customer.ts';
import { insertCustomer } from './save-customer.ts';

export interface SenderIdentity {
  externalId?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  name?: string | undefined;
}

// Every inbound message asks these; they are built once per database (see preparedQuery).
const customerByExternalId = preparedQuery<{ externalId: string }, { id: string }>((db, argument) =>
  db.selectFrom('customers').select('id').where('external_id', '=', argument('externalId')),
);
const customerByContact = preparedQuery<{ kind: string; value: string }, { customer_id: string }>((db, argument) =>
  db
    .selectFrom('customer_contacts')
    .select('customer_id')
    .where('kind', '=', argument('kind'))
    .where('value', '=', argument('value')),
);

/** A friendly name for an unknown sender: their display name, else the e-mail's local part. */
function nameForSender(sender: SenderIdentity): string {
  if (sender.name?.trim()) return sender.name.trim().slice(0, 200);
  if (sender.email) return sender.email.split('@')[0] ?? sender.email;
  return sender.phone ?? 'Unknown customer';
}

/**
 * Finds the customer behind a sender (external id first, then e-mail, then phone) or creates
 * one, inside the caller's transaction. A concurrent creator makes the insert fail with a
 * unique violation; the caller retries and then finds the customer.
 */
export async function identifyOrCreateCustomer(
  db: Kysely<Database>,
  sender: SenderIdentity,
  now: string,
): Promise<{ customerId: string; created: boolean }> {
  if (sender.externalId) {
    const [row] = await customerByExternalId(db, { externalId: sender.externalId });
    if (row) return { customerId: row.id, created: false };
  }
  const contacts: Array<{ kind: string; value: string }> = [];
  if (sender.email) contacts.push({ kind: 'email', value: normalizeEmailAddress(sender.email) });
  if (sender.phone) contacts.push({ kind: 'phone', value: normalizePhoneNumber(sender.phone) });
  for (const contact of contacts) {
    const [row] = await customerByContact(db, contact);
    if (row) return { customerId: row.customer_id, created: false };
  }
  const customerId = await insertCustomer(
    db,
    {
      ...defaultCustomerFields,
      name: nameForSender(sender),
      emails: sender.email ? [sender.email] : [],
      phones: sender.phone ? [sender.phone] : [],
      externalId: sender.externalId ?? null,
    },
    now,
  );
  return { customerId, created: true };
}
