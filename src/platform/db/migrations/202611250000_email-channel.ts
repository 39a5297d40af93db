import type { Kysely } from 'kysely';

// Frozen in time once merged. E-mail channel tables (filled in by the e-mail channel work).
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on today's schema types
export async function up(_db: Kysely<any>): Promise<void> {}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(_db: Kysely<any>): Promise<void> {}
