import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Channel } from '../domain/conversation.ts';

/*
 * Small reads of conversations and messages for the channel adapters (the e-mail channel threads
 * replies by case number, sends agent replies and sweeps for unsent ones), so no channel reads
 * these tables itself.
 */

/** The id of the case with this human number, or null. */
export async function conversationIdByNumber(db: Kysely<Database>, number: number): Promise<string | null> {
  const row = await db.selectFrom('conversations').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id ?? null;
}

/** Whether a conversation with this id exists. */
export async function conversationExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('conversations').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** A reply with what an outbound message needs: author, conversation number, subject, customer. */
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

export interface AgentRepliesQuery {
  channel: Channel;
  /** ISO-8601; replies created at or after it. */
  since: string;
  limit: number;
  /**
   * A condition a channel adds in the same query (e.g. "no outbound record of mine for
   * `messages.id`"), so the limit counts only the replies it still has to handle.
   */
  where?: (eb: ExpressionBuilder<Database, 'messages' | 'conversations'>) => Expression<SqlBool>;
}

/** Ids of agent replies on one channel since a moment, oldest first, at most `limit`. */
export async function agentReplyIdsSince(db: Kysely<Database>, query: AgentRepliesQuery): Promise<string[]> {
  let select = db
    .selectFrom('messages')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.id')
    .where('messages.channel', '=', query.channel)
    .where('messages.kind', '=', 'agent')
    .where('messages.created_at', '>=', query.since);
  if (query.where) select = select.where(query.where);
  const rows = await select.orderBy('messages.created_at').limit(query.limit).execute();
  return rows.map((row) => row.id);
}
