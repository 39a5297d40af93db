import type { Kysely } from 'kysely';

// Frozen in time once merged. Auth hardening: token expiry, session details for "my sessions",
// TOTP second factor, sign-in throttling counters shared by every node, and the auth settings row.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();

  await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  // 1 while the user must enrol a second factor before doing anything else.
  await db.schema
    .alterTable('sessions')
    .addColumn('two_factor_enrolment_required', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();

  // TOTP secrets are sealed (AES-256-GCM); the last accepted time step refuses a replayed code.
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('password_changed_at', 'text').execute();

  // Failed sign-ins per key ('account:<hash of e-mail>' or 'ip:<address>'), so every node agrees.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('failures', 'integer', (column) => column.notNull())
    .addColumn('last_failure_at', 'text', (column) => column.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('auth_settings')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('require_two_factor_for_privileged', 'integer', (column) => column.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_settings').execute();
  await db.schema.dropTable('login_throttle').execute();
  for (const column of ['password_changed_at', 'totp_last_step', 'totp_pending_secret', 'totp_secret']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
  for (const column of ['two_factor_enrolment_required', 'user_agent', 'ip']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute();
  }
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
