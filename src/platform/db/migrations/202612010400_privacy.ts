import type { Kysely } from 'kysely';

// Frozen in time once merged. Privacy (erasure requests, retention setting, anonymised cases) and
// widget identity (one-time codes that verify a chat visitor's e-mail address).
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // A manager or admin proposes erasing a customer; a different one approves or rejects it.
  await db.schema
    .createTable('erasure_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('customer_id', 'text', (column) => column.notNull().references('customers.id'))
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('requested_by', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (column) => column.notNull())
    .addColumn('decided_by', 'text', (column) => column.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('erasure_requests_status').on('erasure_requests').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('erasure_requests_customer').on('erasure_requests').column('customer_id').execute();

  // One row ('default'): retention is off (null months) until an admin turns it on.
  await db.schema
    .createTable('privacy_settings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('retention_months', 'integer')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  // Conversations whose personal content was anonymised (by erasure or retention): never done twice.
  await db.schema
    .createTable('anonymised_conversations')
    .addColumn('conversation_id', 'text', (column) => column.primaryKey().references('conversations.id'))
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('at', 'text', (column) => column.notNull())
    .execute();

  // "Erased customer #N" numbers.
  await db.insertInto('counters').values({ name: 'erased_customer_number', value: 0 }).execute();

  // One-time codes e-mailed to a chat visitor to prove the address is theirs (only a hash is kept).
  await db.schema
    .createTable('chat_verification_codes')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('session_id', 'text', (column) => column.notNull().references('chat_sessions.id'))
    .addColumn('code_hash', 'text', (column) => column.notNull())
    .addColumn('attempts', 'integer', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('chat_verification_codes_session')
    .on('chat_verification_codes')
    .columns(['session_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chat_verification_codes').execute();
  await db.deleteFrom('counters').where('name', '=', 'erased_customer_number').execute();
  await db.schema.dropTable('anonymised_conversations').execute();
  await db.schema.dropTable('privacy_settings').execute();
  await db.schema.dropTable('erasure_requests').execute();
}
