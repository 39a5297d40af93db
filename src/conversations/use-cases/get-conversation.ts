import { analyzeConversation, type ConversationAnalysis } from '../../analysis/index.ts';
import { loadSummary, messageFromRow, messageQuery } from '../db/conversation-rows.ts';
import type { ConversationSummary, Message } from '../domain/conversation.ts';
import { conversationError } from '../domain/conversation-errors.ts';
import type { ConversationDeps } from './conversation-deps.ts';

export interface GetConversationInput {
  id: string;
  /** Page back from this message id (exclusive). */
  before?: string | undefined;
  limit: number;
}

/** One case with its latest `limit` timeline entries, oldest first. */
export async function getConversation(
  deps: Pick<ConversationDeps, 'db'>,
  input: GetConversationInput,
): Promise<{ conversation: ConversationSummary; messages: Message[]; hasEarlier: boolean; reading: ConversationAnalysis }> {
  const conversation = await loadSummary(deps.db, input.id);
  if (!conversation) throw conversationError('conversation-not-found', `There is no conversation ${input.id}.`);
  let query = messageQuery(deps.db).where('messages.conversation_id', '=', input.id);
  if (input.before) {
    const anchor = await deps.db
      .selectFrom('messages')
      .select(['created_at', 'id'])
      .where('id', '=', input.before)
      .where('conversation_id', '=', input.id)
      .executeTakeFirst();
    if (!anchor) throw conversationError('message-not-found', `There is no message ${input.before} in this conversation.`);
    query = query.where((builder) =>
      builder.or([
        builder('messages.created_at', '<', anchor.created_at),
        builder.and([builder('messages.created_at', '=', anchor.created_at), builder('messages.id', '<', anchor.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('messages.created_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(input.limit + 1)
    .execute();
  const messages = rows.slice(0, input.limit).map(messageFromRow).reverse();
  // The reading (trajectory, trend, feels unheard, de-escalation credit) of the loaded timeline,
  // from the analyses stored with each message: pure, and cheap at this size.
  const reading = analyzeConversation(
    messages.map((message) => ({
      kind: message.kind,
      text: message.body,
      at: message.createdAt,
      analysis: message.analysis ?? undefined,
    })),
  );
  return { conversation, messages, hasEarlier: rows.length > input.limit, reading };
}
