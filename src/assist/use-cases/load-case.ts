import { type ConversationSummary, getConversation, type Message } from '../../conversations/index.ts';
import { type Customer, getCustomer, listCustomerOrders, type Order } from '../../customers/index.ts';
import { parseJsonColumn } from '../../platform/db/database.ts';
import type { PlaybookState } from '../../playbook/index.ts';
import { type ManualAction, replayPlaybook, type StoredAction } from '../domain/playbook-replay.ts';
import type { AssistDeps } from './assist-deps.ts';

export interface CaseFile {
  conversation: ConversationSummary;
  messages: Message[];
  customer: Customer;
  latestOrder: Order | null;
  actions: StoredAction[];
  playbook: PlaybookState;
}

// The playbook reads at most this many timeline entries; longer cases keep their latest part.
const timelineWindow = 500;

/** Everything the assistant needs about one case, read through the owning capabilities. */
export async function loadCase(deps: AssistDeps, conversationId: string): Promise<CaseFile> {
  const { conversation, messages } = await getConversation(deps, { id: conversationId, limit: timelineWindow });
  const [customer, orders, actionRows] = await Promise.all([
    getCustomer(deps, conversation.customer.id),
    listCustomerOrders(deps, conversation.customer.id),
    deps.db
      .selectFrom('playbook_actions')
      .select(['action', 'at', 'user_id'])
      .where('conversation_id', '=', conversationId)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const actions = actionRows.map((row) => ({
    action: parseJsonColumn<ManualAction>(row.action, { type: 'item-ticked-by-hand', itemId: '' }),
    at: row.at,
    userId: row.user_id,
  }));
  const resolved = conversation.status === 'resolved' || conversation.status === 'closed';
  const playbook = replayPlaybook(
    messages.map((message) => ({
      kind: message.kind,
      body: message.body,
      at: message.createdAt,
      authorId: message.author?.id ?? null,
      analysis: message.analysis,
      practices: message.coach?.practices ?? null,
    })),
    actions,
    { customerOnWatch: customer.status === 'watch', resolvedAt: resolved ? conversation.updatedAt : null },
  );
  return { conversation, messages, customer, latestOrder: orders[0] ?? null, actions, playbook };
}
