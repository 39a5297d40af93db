import { summaryFromRow, summaryQuery } from '../db/conversation-rows.ts';
import type { Channel, ConversationStatus, ConversationSummary } from '../domain/conversation.ts';
import type { ConversationDeps } from './conversation-deps.ts';

export type InboxSort = 'newest' | 'waiting';

export interface ListConversationsInput {
  statuses?: ConversationStatus[] | undefined;
  /** A user id, or 'none' for unassigned. */
  assigneeId?: string | undefined;
  channel?: Channel | undefined;
  customerId?: string | undefined;
  sort: InboxSort;
  limit: number;
  cursor?: string | undefined;
}

interface Cursor {
  key: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    return typeof key === 'string' && typeof id === 'string' ? { key, id } : null;
  } catch {
    return null;
  }
}

/**
 * The inbox: keyset-paged so page 50 costs what page 1 costs. `newest` orders by last activity,
 * `waiting` puts the customer who has waited longest first (only cases with someone waiting).
 */
export async function listConversations(
  deps: Pick<ConversationDeps, 'db'>,
  input: ListConversationsInput,
): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  let query = summaryQuery(deps.db);
  if (input.statuses && input.statuses.length > 0) query = query.where('conversations.status', 'in', input.statuses);
  if (input.assigneeId === 'none') query = query.where('conversations.assignee_id', 'is', null);
  else if (input.assigneeId) query = query.where('conversations.assignee_id', '=', input.assigneeId);
  if (input.channel) query = query.where('conversations.channel', '=', input.channel);
  if (input.customerId) query = query.where('conversations.customer_id', '=', input.customerId);
  const after = decodeCursor(input.cursor);

  if (input.sort === 'waiting') {
    query = query.where('conversations.waiting_since', 'is not', null);
    if (after) {
      query = query.where((builder) =>
        builder.or([
          builder('conversations.waiting_since', '>', after.key),
          builder.and([builder('conversations.waiting_since', '=', after.key), builder('conversations.id', '>', after.id)]),
        ]),
      );
    }
    query = query.orderBy('conversations.waiting_since', 'asc').orderBy('conversations.id', 'asc');
  } else {
    if (after) {
      query = query.where((builder) =>
        builder.or([
          builder('conversations.last_message_at', '<', after.key),
          builder.and([builder('conversations.last_message_at', '=', after.key), builder('conversations.id', '<', after.id)]),
        ]),
      );
    }
    query = query.orderBy('conversations.last_message_at', 'desc').orderBy('conversations.id', 'desc');
  }

  const rows = await query.limit(input.limit + 1).execute();
  const items = rows.slice(0, input.limit).map(summaryFromRow);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor({ key: input.sort === 'waiting' ? (last.waitingSince ?? '') : last.lastMessageAt, id: last.id })
      : null;
  return { items, nextCursor };
}
