import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time once merged. Chat widget sessions and settings, and phone/video call logs.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const json = db.getExecutor().adapter instanceof PostgresAdapter ? sql`jsonb` : sql`text`;

  // The widget's look and who may embed it; one row ('default'), created on first start.
  await db.schema
    .createTable('chat_widget_settings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('allowed_origins', json, (column) => column.notNull())
    .addColumn('primary_color', 'text', (column) => column.notNull())
    .addColumn('text_color', 'text', (column) => column.notNull())
    .addColumn('position', 'text', (column) => column.notNull())
    .addColumn('greeting', json, (column) => column.notNull())
    .addColumn('session_secret', 'text', (column) => column.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  // One visitor's chat: who they are (signed by the company's site, or an e-mail they gave),
  // which customer and conversation it became, and how far each side has read.
  await db.schema
    .createTable('chat_sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('verification', 'text', (column) => column.notNull())
    .addColumn('external_customer_id', 'text')
    .addColumn('email', 'text', (column) => column.notNull())
    .addColumn('name', 'text')
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('origin', 'text', (column) => column.notNull())
    .addColumn('customer_id', 'text', (column) => column.references('customers.id'))
    .addColumn('conversation_id', 'text', (column) => column.references('conversations.id'))
    .addColumn('resume_key_hash', 'text', (column) => column.notNull())
    .addColumn('token_generation', 'integer', (column) => column.notNull())
    .addColumn('customer_read_message_id', 'text')
    .addColumn('customer_read_at', 'text')
    .addColumn('agent_read_message_id', 'text')
    .addColumn('agent_read_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_seen_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('chat_sessions_conversation').on('chat_sessions').column('conversation_id').execute();
  await db.schema
    .createIndex('chat_sessions_external_customer')
    .on('chat_sessions')
    .columns(['external_customer_id', 'created_at'])
    .execute();

  // Calls and video meetings logged on a conversation; their transcript turns are timeline entries.
  await db.schema
    .createTable('call_logs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('conversation_id', 'text', (column) => column.notNull().references('conversations.id'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('started_at', 'text', (column) => column.notNull())
    .addColumn('duration_seconds', 'integer', (column) => column.notNull())
    .addColumn('outcome', 'text', (column) => column.notNull())
    .addColumn('notes', 'text', (column) => column.notNull())
    .addColumn('transcript_format', 'text')
    .addColumn('transcript', 'text')
    .addColumn('turn_count', 'integer', (column) => column.notNull())
    .addColumn('stored_turns', 'integer', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('call_logs_conversation').on('call_logs').columns(['conversation_id', 'started_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_logs').execute();
  await db.schema.dropTable('chat_sessions').execute();
  await db.schema.dropTable('chat_widget_settings').execute();
}
