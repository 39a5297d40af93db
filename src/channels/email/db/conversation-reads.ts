import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';

/*
 * Read-only views of the conversations capability's tables that its index.ts does not offer yet
 * (conversation by number, one timeline entry with its author, agent replies without an outbound
 * record). Kept in this one file so they move easily once conversations exports them.
 */

export async function conversationIdByNumber(db: Kysely<Database>, number: number): Promise<string | null> {
  const row = await db.selectFrom('conversations').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id ?? null;
}

/** An agent reply with what the outbound mail needs: author, conversation number, subject, customer. */
export async function replyForOutbound(db: Kysely<Database>, messageId: string) {
  return db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .leftJoin('users', 'users.id', 'messages.author_user_id')
    .select([
      'messages.id',
      'messages.kind',
      'messages.body',
      'messages.created_at',
      'conversations.id as conversation_id',
      // The reply's own channel: a call turn logged on an e-mail case is not an e-mail.
      'messages.channel',
      'conversations.number',
      'conversations.subject',
      'conversations.customer_id',
      'users.name as author_name',
    ])
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
}

/** Agent replies on e-mail conversations since `since` that have no outbound e-mail record (the start-up sweep). */
export async function agentRepliesWithoutEmail(db: Kysely<Database>, since: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.id')
    .where('messages.channel', '=', 'email')
    .where('messages.kind', '=', 'agent')
    .where('messages.created_at', '>=', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('email_messages').select('email_messages.id').whereRef('email_messages.message_id', '=', 'messages.id'),
        ),
      ),
    )
    .orderBy('messages.created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Whether a message id exists (the attachment download checks the conversation still exists). */
export async function conversationExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('conversations').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}
