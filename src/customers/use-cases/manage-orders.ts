import { type AuditAuthor, recordChange } from '../../audit/index.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { orderFromRow } from '../db/customer-rows.ts';
import type { Order } from '../domain/customer.ts';
import { customerError } from '../domain/customer-errors.ts';
import type { OrderFieldsInput, OrderPatch } from '../domain/customer-schema.ts';
import type { CustomerDeps } from './customer-deps.ts';

export async function listCustomerOrders(deps: Pick<CustomerDeps, 'db'>, customerId: string): Promise<Order[]> {
  const rows = await deps.db
    .selectFrom('orders')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('ordered_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(orderFromRow);
}

export async function getOrder(deps: Pick<CustomerDeps, 'db'>, id: string): Promise<Order> {
  const row = await deps.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw customerError('order-not-found', `There is no order ${id}.`);
  return orderFromRow(row);
}

/** What the audit log compares: the fields a person sets, not ids or timestamps. */
function auditView(order: Order | null): Record<string, unknown> | null {
  if (!order) return null;
  const { id: _id, updatedAt: _updatedAt, ...fields } = order;
  return fields;
}

async function readOrder(db: CustomerDeps['db'], id: string): Promise<Order | null> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? orderFromRow(row) : null;
}

/** Records an order; `author` (a person, or an import) is audited with every field. */
export async function createOrder(
  deps: Pick<CustomerDeps, 'db' | 'clock'>,
  fields: OrderFieldsInput,
  author?: AuditAuthor,
): Promise<Order> {
  const customer = await deps.db.selectFrom('customers').select('id').where('id', '=', fields.customerId).executeTakeFirst();
  if (!customer) {
    throw customerError('customer-not-found', `There is no customer ${fields.customerId}.`, [
      { field: 'body.customerId', message: 'no such customer' },
    ]);
  }
  const now = deps.clock.now().toISOString();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (transaction) => {
      await transaction
        .insertInto('orders')
        .values({
          id,
          customer_id: fields.customerId,
          reference: fields.reference,
          amount_minor: fields.amount.amountMinor,
          currency: fields.amount.currency,
          status: fields.status,
          description: fields.description,
          ordered_at: new Date(fields.orderedAt).toISOString(),
          shipped_at: fields.shippedAt ? new Date(fields.shippedAt).toISOString() : null,
          delivered_at: fields.deliveredAt ? new Date(fields.deliveredAt).toISOString() : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      if (author) {
        await recordChange(transaction, author, now, {
          action: 'order.created',
          subjectType: 'order',
          subjectId: id,
          before: null,
          after: auditView(await readOrder(transaction, id)),
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw customerError('order-reference-taken', `An order with reference ${fields.reference} already exists.`, [
        { field: 'body.reference', message: 'is already used' },
      ]);
    }
    throw error;
  }
  return getOrder(deps, id);
}

export async function updateOrder(
  deps: Pick<CustomerDeps, 'db' | 'clock'>,
  id: string,
  patch: OrderPatch,
  author?: AuditAuthor,
): Promise<Order> {
  const toIso = (value: string | null | undefined, fallback: string | null) =>
    value === undefined ? fallback : value === null ? null : new Date(value).toISOString();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    const current = await readOrder(transaction, id);
    if (!current) throw customerError('order-not-found', `There is no order ${id}.`);
    await transaction
      .updateTable('orders')
      .set({
        status: patch.status ?? current.status,
        description: patch.description ?? current.description,
        shipped_at: toIso(patch.shippedAt, current.shippedAt),
        delivered_at: toIso(patch.deliveredAt, current.deliveredAt),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    if (author) {
      await recordChange(transaction, author, now, {
        action: 'order.updated',
        subjectType: 'order',
        subjectId: id,
        before: auditView(current),
        after: auditView(await readOrder(transaction, id)),
      });
    }
  });
  return getOrder(deps, id);
}
