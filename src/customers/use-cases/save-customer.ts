import type { Kysely } from 'kysely';
import { type AuditAuthor, recordChange } from '../../audit/index.ts';
import { isUniqueViolation, parseJsonColumn } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { loadCustomers } from '../db/customer-rows.ts';
import { normalizeEmailAddress, normalizePhoneNumber } from '../domain/contacts.ts';
import type { Customer } from '../domain/customer.ts';
import { customerError } from '../domain/customer-errors.ts';
import type { CustomerFieldsInput, CustomerPatch } from '../domain/customer-schema.ts';
import type { ChangeAuthor, CustomerDeps } from './customer-deps.ts';

async function replaceContacts(db: Kysely<Database>, customerId: string, emails: string[], phones: string[], isNew = false) {
  if (!isNew) await db.deleteFrom('customer_contacts').where('customer_id', '=', customerId).execute();
  const rows = [
    ...[...new Set(emails.map(normalizeEmailAddress))].map((value, position) => ({ kind: 'email', value, position })),
    ...[...new Set(phones.map(normalizePhoneNumber))].map((value, position) => ({ kind: 'phone', value, position })),
  ].map((contact) => ({ id: newId(), customer_id: customerId, ...contact }));
  if (rows.length > 0) await db.insertInto('customer_contacts').values(rows).execute();
}

/** Names the field that clashed with another customer, for a clear 409. */
async function explainConflict(db: Kysely<Database>, emails: string[], phones: string[], externalId: string | null) {
  if (externalId) {
    const taken = await db.selectFrom('customers').select('id').where('external_id', '=', externalId).executeTakeFirst();
    if (taken) {
      return customerError('external-id-taken', `Customer ${taken.id} already has external id ${externalId}.`, [
        { field: 'body.externalId', message: 'is already used by another customer' },
      ]);
    }
  }
  const values = [...emails.map(normalizeEmailAddress), ...phones.map(normalizePhoneNumber)];
  const clash = values.length
    ? await db.selectFrom('customer_contacts').select(['customer_id', 'value']).where('value', 'in', values).executeTakeFirst()
    : undefined;
  return customerError(
    'contact-taken',
    clash ? `${clash.value} already belongs to customer ${clash.customer_id}.` : 'A contact already belongs to another customer.',
    [{ field: 'body.emails', message: 'an e-mail or phone already belongs to another customer' }],
  );
}

/** Inserts a customer inside the caller's transaction (ingest uses this to create unknown senders). */
export async function insertCustomer(db: Kysely<Database>, fields: CustomerFieldsInput, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('customers')
    .values({
      id,
      name: fields.name,
      name_search: fields.name.toLowerCase(),
      external_id: fields.externalId,
      country: fields.country,
      region: fields.region,
      language: fields.language,
      currency: fields.currency,
      time_zone: fields.timeZone,
      tier: fields.tier,
      lifetime_value_minor: fields.lifetimeValueMinor,
      tags: JSON.stringify(fields.tags),
      notes: fields.notes,
      status: fields.status,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await replaceContacts(db, id, fields.emails, fields.phones, true);
  return id;
}

export async function getCustomer(deps: Pick<CustomerDeps, 'db'>, id: string): Promise<Customer> {
  const [customer] = await loadCustomers(deps.db, [id]);
  if (!customer) throw customerError('customer-not-found', `There is no customer ${id}.`);
  return customer;
}

/** What the audit log compares: every field a person can change, not ids or timestamps. */
function auditView(customer: Customer | undefined): Record<string, unknown> | null {
  if (!customer) return null;
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = customer;
  return fields;
}

/** Creates a customer; `author` (a person, or an import) is audited with every field it set. */
export async function createCustomer(deps: CustomerDeps, fields: CustomerFieldsInput, author?: AuditAuthor): Promise<Customer> {
  const now = deps.clock.now().toISOString();
  let id: string;
  try {
    id = await deps.db.transaction().execute(async (transaction) => {
      const insertedId = await insertCustomer(transaction, fields, now);
      if (author) {
        const [created] = await loadCustomers(transaction, [insertedId]);
        await recordChange(transaction, author, now, {
          action: 'customer.created',
          subjectType: 'customer',
          subjectId: insertedId,
          before: null,
          after: auditView(created),
        });
      }
      return insertedId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await explainConflict(deps.db, fields.emails, fields.phones, fields.externalId);
    throw error;
  }
  return getCustomer(deps, id);
}

export async function updateCustomer(
  deps: CustomerDeps,
  author: ChangeAuthor,
  id: string,
  patch: CustomerPatch,
): Promise<Customer> {
  const now = deps.clock.now().toISOString();
  try {
    await deps.db.transaction().execute(async (transaction) => {
      const row = await transaction.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw customerError('customer-not-found', `There is no customer ${id}.`);
      const [before] = await loadCustomers(transaction, [id]);
      await transaction
        .updateTable('customers')
        .set({
          name: patch.name ?? row.name,
          name_search: (patch.name ?? row.name).toLowerCase(),
          external_id: patch.externalId === undefined ? row.external_id : patch.externalId,
          country: patch.country ?? row.country,
          region: patch.region === undefined ? row.region : patch.region,
          language: patch.language ?? row.language,
          currency: patch.currency ?? row.currency,
          time_zone: patch.timeZone ?? row.time_zone,
          tier: patch.tier ?? row.tier,
          lifetime_value_minor: patch.lifetimeValueMinor ?? row.lifetime_value_minor,
          tags: JSON.stringify(patch.tags ?? parseJsonColumn<string[]>(row.tags, [])),
          notes: patch.notes ?? row.notes,
          status: patch.status ?? row.status,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      if (patch.emails || patch.phones) {
        const [current] = await loadCustomers(transaction, [id]);
        await replaceContacts(transaction, id, patch.emails ?? current?.emails ?? [], patch.phones ?? current?.phones ?? []);
      }
      // Every field, before and after (tier, lifetime value, contacts…); a status change is its own action to filter by.
      const [after] = await loadCustomers(transaction, [id]);
      await recordChange(transaction, author, now, {
        action: patch.status && patch.status !== row.status ? 'customer.status-changed' : 'customer.updated',
        subjectType: 'customer',
        subjectId: id,
        before: auditView(before),
        after: auditView(after),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw await explainConflict(deps.db, patch.emails ?? [], patch.phones ?? [], patch.externalId ?? null);
    }
    throw error;
  }
  const customer = await getCustomer(deps, id);
  await deps.events.publish({ type: 'customer.updated', customerId: id, customer });
  return customer;
}
