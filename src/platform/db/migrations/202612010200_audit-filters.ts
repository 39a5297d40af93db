import type { Kysely } from 'kysely';

// Frozen in time once merged. Indexes for the audit log's filters: by actor, by subject, by date;
// each ends in id so a filtered page is one bounded index scan in id (time) order.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('audit_log_actor_id').on('audit_log').columns(['actor_user_id', 'id']).execute();
  await db.schema.createIndex('audit_log_subject_id').on('audit_log').columns(['subject_type', 'subject_id', 'id']).execute();
  await db.schema.createIndex('audit_log_subject_only_id').on('audit_log').columns(['subject_id', 'id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at']).execute();
}
