import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never edit once merged; add a new migration instead.
// biome-ignore lint/suspicious/noExplicitAny: a migration is frozen in time and must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const json = db.getExecutor().adapter instanceof PostgresAdapter ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email', 'text', (column) => column.notNull().unique())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('password_hash', 'text', (column) => column.notNull())
    .addColumn('approval_limit_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('approval_limit_currency', 'text', (column) => column.notNull().defaultTo('EUR'))
    .addColumn('deactivated_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('last_sign_in_at', 'text')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('last_seen_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('prefix', 'text', (column) => column.notNull())
    .addColumn('secret_hash', 'text', (column) => column.notNull().unique())
    .addColumn('created_by', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('at', 'text', (column) => column.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_token_id', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('subject_type', 'text', (column) => column.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('details', json, (column) => column.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_action_id').on('audit_log').columns(['action', 'id']).execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_search', 'text', (column) => column.notNull())
    .addColumn('external_id', 'text', (column) => column.unique())
    .addColumn('country', 'text', (column) => column.notNull())
    .addColumn('region', 'text')
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('time_zone', 'text', (column) => column.notNull())
    .addColumn('tier', 'text', (column) => column.notNull())
    .addColumn('lifetime_value_minor', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('tags', json, (column) => column.notNull())
    .addColumn('notes', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('customers_name_search').on('customers').column('name_search').execute();

  await db.schema
    .createTable('customer_contacts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('customer_id', 'text', (column) => column.notNull().references('customers.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addUniqueConstraint('customer_contacts_kind_value', ['kind', 'value'])
    .execute();
  await db.schema.createIndex('customer_contacts_customer').on('customer_contacts').column('customer_id').execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('customer_id', 'text', (column) => column.notNull().references('customers.id'))
    .addColumn('reference', 'text', (column) => column.notNull().unique())
    .addColumn('amount_minor', 'bigint', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('ordered_at', 'text', (column) => column.notNull())
    .addColumn('shipped_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('orders_customer').on('orders').columns(['customer_id', 'ordered_at']).execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('number', 'bigint', (column) => column.notNull().unique())
    .addColumn('customer_id', 'text', (column) => column.notNull().references('customers.id'))
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('priority', 'text', (column) => column.notNull())
    .addColumn('assignee_id', 'text', (column) => column.references('users.id'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('last_message_at', 'text', (column) => column.notNull())
    .addColumn('waiting_since', 'text')
    .addColumn('message_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_message_preview', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  // The inbox pages through these orders with (sort key, id) cursors.
  await db.schema.createIndex('conversations_recent').on('conversations').columns(['last_message_at', 'id']).execute();
  await db.schema
    .createIndex('conversations_status_recent')
    .on('conversations')
    .columns(['status', 'last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('conversations_assignee_recent')
    .on('conversations')
    .columns(['assignee_id', 'last_message_at', 'id'])
    .execute();
  await db.schema
    .createIndex('conversations_channel_recent')
    .on('conversations')
    .columns(['channel', 'last_message_at', 'id'])
    .execute();
  await db.schema.createIndex('conversations_waiting').on('conversations').columns(['waiting_since', 'id']).execute();
  await db.schema.createIndex('conversations_customer').on('conversations').columns(['customer_id', 'last_message_at']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('conversation_id', 'text', (column) => column.notNull().references('conversations.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('author_user_id', 'text', (column) => column.references('users.id'))
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('messages_channel_external_id', ['channel', 'external_id'])
    .execute();
  await db.schema
    .createIndex('messages_conversation_timeline')
    .on('messages')
    .columns(['conversation_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('value', 'bigint', (column) => column.notNull())
    .execute();
  await db.insertInto('counters').values({ name: 'conversation_number', value: 1000 }).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'counters',
    'messages',
    'conversations',
    'orders',
    'customer_contacts',
    'customers',
    'audit_log',
    'api_tokens',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
