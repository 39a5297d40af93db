import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time once merged. The durable jobs table (platform/jobs) and the e-mail channel's tables.
// Attachments are stored in the database as bytes (blob in SQLite, bytea in PostgreSQL): they commit
// with the message they belong to and every node of a PostgreSQL deployment can serve them.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const json = postgres ? sql`jsonb` : sql`text`;
  const bytes = postgres ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('type', 'text', (column) => column.notNull())
    .addColumn('payload', json, (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('dedupe_key', 'text', (column) => column.unique())
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (column) => column.notNull())
    .addColumn('run_at', 'text', (column) => column.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_status_run_at').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_type_created').on('jobs').columns(['type', 'created_at']).execute();

  await db.schema
    .createTable('email_messages')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('direction', 'text', (column) => column.notNull())
    .addColumn('rfc_message_id', 'text', (column) => column.notNull().unique())
    .addColumn('message_id', 'text', (column) => column.unique().references('messages.id'))
    .addColumn('conversation_id', 'text', (column) => column.references('conversations.id'))
    .addColumn('classification', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('reference_ids', json, (column) => column.notNull())
    .addColumn('from_address', 'text', (column) => column.notNull())
    .addColumn('from_name', 'text', (column) => column.notNull())
    .addColumn('to_addresses', json, (column) => column.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('text_full', 'text', (column) => column.notNull())
    .addColumn('html_sanitized', 'text')
    .addColumn('size_bytes', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('email_messages_conversation')
    .on('email_messages')
    .columns(['conversation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('email_attachments')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('email_message_id', 'text', (column) => column.notNull().references('email_messages.id'))
    .addColumn('filename', 'text', (column) => column.notNull())
    .addColumn('content_type', 'text', (column) => column.notNull())
    .addColumn('size_bytes', 'integer', (column) => column.notNull())
    .addColumn('sha256', 'text', (column) => column.notNull())
    .addColumn('content_id', 'text')
    .addColumn('inline', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('content', bytes)
    .addColumn('rejected_reason', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('email_attachments_email_message').on('email_attachments').column('email_message_id').execute();

  await db.schema
    .createTable('email_settings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('support_addresses', json)
    .addColumn('from_name', 'text')
    .addColumn('outbound_smtp_url_encrypted', 'text')
    .addColumn('imap_host', 'text')
    .addColumn('imap_port', 'integer')
    .addColumn('imap_secure', 'integer')
    .addColumn('imap_user', 'text')
    .addColumn('imap_password_encrypted', 'text')
    .addColumn('imap_enabled', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('outbound_since', 'text', (column) => column.notNull())
    .addColumn('last_received_at', 'text')
    .addColumn('last_sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_settings').ifExists().execute();
  await db.schema.dropTable('email_attachments').ifExists().execute();
  await db.schema.dropTable('email_messages').ifExists().execute();
  await db.schema.dropTable('jobs').ifExists().execute();
}
