import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { loadSummary } from '../db/conversation-rows.ts';
import type { ConversationDeps } from './conversation-deps.ts';

/**
 * Gives a case to another customer, inside the caller's transaction: a chat visitor who proved
 * their e-mail address moves from their stand-in record to the real customer. Publish afterwards
 * with `publishConversationUpdated`.
 */
export async function moveConversationToCustomer(
  db: Kysely<Database>,
  conversationId: string,
  customerId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ customer_id: customerId, updated_at: now })
    .where('id', '=', conversationId)
    .execute();
}

/** Tells open screens a case changed (after the change committed). */
export async function publishConversationUpdated(
  deps: Pick<ConversationDeps, 'db' | 'events'>,
  conversationId: string,
): Promise<void> {
  const conversation = await loadSummary(deps.db, conversationId);
  if (conversation) await deps.events.publish({ type: 'conversation.updated', conversationId, conversation });
}
