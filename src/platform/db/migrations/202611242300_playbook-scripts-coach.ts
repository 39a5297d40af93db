import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never edit once merged; add a new migration instead.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const json = db.getExecutor().adapter instanceof PostgresAdapter ? sql`jsonb` : sql`text`;

  // What the reply coach said about a sent reply, and which findings the agent chose to keep.
  await db.schema.alterTable('messages').addColumn('coach', json).execute();

  // The agent's own playbook actions: ticks by hand, step changes, dismissed or accepted
  // suggestions. Everything else the playbook knows is derived from the timeline itself.
  await db.schema
    .createTable('playbook_actions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('conversation_id', 'text', (column) => column.notNull().references('conversations.id'))
    .addColumn('action', json, (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('playbook_actions_conversation')
    .on('playbook_actions')
    .columns(['conversation_id', 'at'])
    .execute();

  // The script library: every version kept; the newest unretired version of a key is suggested.
  await db.schema
    .createTable('script_templates')
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('step', 'text', (column) => column.notNull())
    .addColumn('language', 'text', (column) => column.notNull())
    .addColumn('categories', json, (column) => column.notNull())
    .addColumn('intents', json, (column) => column.notNull())
    .addColumn('regions', json, (column) => column.notNull())
    .addColumn('tiers', json, (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('script_templates_key_version', ['key', 'version'])
    .execute();

  // Per-country communication guidance an admin maintains; countries without a row use the shipped defaults.
  await db.schema
    .createTable('regional_guidance')
    .addColumn('country', 'text', (column) => column.primaryKey())
    .addColumn('guidance', json, (column) => column.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('regional_guidance').execute();
  await db.schema.dropTable('script_templates').execute();
  await db.schema.dropTable('playbook_actions').execute();
  await db.schema.alterTable('messages').dropColumn('coach').execute();
}
