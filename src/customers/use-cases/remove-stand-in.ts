import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

/**
 * Deletes a stand-in customer (an unverified chat visitor's record) once nothing refers to it any
 * more, inside the caller's transaction; a record with cases or orders is kept. True when deleted.
 */
export async function removeCustomerIfUnused(db: Kysely<Database>, customerId: string): Promise<boolean> {
  const conversation = await db
    .selectFrom('conversations')
    .select('id')
    .where('customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  const order = await db.selectFrom('orders').select('id').where('customer_id', '=', customerId).limit(1).executeTakeFirst();
  if (conversation || order) return false;
  await db.deleteFrom('customer_contacts').where('customer_id', '=', customerId).execute();
  const result = await db.deleteFrom('customers').where('id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
