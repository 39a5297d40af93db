import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: never edit once merged; add a new migration instead.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const json = db.getExecutor().adapter instanceof PostgresAdapter ? sql`jsonb` : sql`text`;

  // Each analysed message keeps its analysis and the version that produced it.
  await db.schema.alterTable('messages').addColumn('analysis', json).execute();
  await db.schema.alterTable('messages').addColumn('analysis_version', 'text').execute();
  await db.schema.alterTable('messages').addColumn('heat', 'integer').execute();
  await db.schema.createIndex('messages_analysis_version').on('messages').columns(['kind', 'analysis_version', 'id']).execute();

  // The inbox sorts and flags by the conversation's current reading, kept beside the case.
  await db.schema
    .alterTable('conversations')
    .addColumn('heat', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('peak_heat', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('heat_trend', 'text', (column) => column.notNull().defaultTo('steady'))
    .execute();
  // Running sum and count of customer-message heat: the trend compares the newest to the mean before it.
  await db.schema
    .alterTable('conversations')
    .addColumn('heat_sum', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('heat_count', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('conversations').addColumn('flags', json).execute();
  await db.schema.alterTable('conversations').addColumn('language', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('category', 'text').execute();
  await db.schema.createIndex('conversations_heat').on('conversations').columns(['heat', 'last_message_at', 'id']).execute();

  // An agent's "this label is wrong": kept for retraining and for evaluating the next version.
  await db.schema
    .createTable('analysis_corrections')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('message_id', 'text', (column) => column.notNull().references('messages.id'))
    .addColumn('conversation_id', 'text', (column) => column.notNull())
    .addColumn('signal', 'text', (column) => column.notNull())
    .addColumn('verdict', 'text', (column) => column.notNull())
    .addColumn('note', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('analysis_version', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('analysis_corrections_message').on('analysis_corrections').column('message_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_corrections').execute();
  await db.schema.dropIndex('conversations_heat').execute();
  for (const column of ['category', 'language', 'flags', 'heat_count', 'heat_sum', 'heat_trend', 'peak_heat', 'heat']) {
    await db.schema.alterTable('conversations').dropColumn(column).execute();
  }
  await db.schema.dropIndex('messages_analysis_version').execute();
  for (const column of ['heat', 'analysis_version', 'analysis'])
    await db.schema.alterTable('messages').dropColumn(column).execute();
}
