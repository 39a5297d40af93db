import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import type { ChatSessionsTable } from '../../../platform/db/schema-chat.ts';

export type ChatSessionRow = Selectable<ChatSessionsTable>;

export async function findSession(db: Kysely<Database>, id: string): Promise<ChatSessionRow | undefined> {
  return db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest session of a customer the company's site identified. */
export async function findLatestSignedSession(
  db: Kysely<Database>,
  externalCustomerId: string,
): Promise<ChatSessionRow | undefined> {
  return db
    .selectFrom('chat_sessions')
    .selectAll()
    .where('external_customer_id', '=', externalCustomerId)
    .where('verification', '=', 'signed')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
