import type { Kysely } from 'kysely';
import type { MessageAnalysis, Trend } from '../../analysis/index.ts';
import { parseJsonColumn } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';
import type {
  Channel,
  ConversationStatus,
  ConversationSummary,
  Message,
  MessageKind,
  Priority,
  SentReplyReview,
} from '../domain/conversation.ts';
import type { ConversationFlag } from '../domain/heat-reading.ts';

/** Conversations with the customer and assignee columns an inbox row needs. */
export function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('conversations')
    .innerJoin('customers', 'customers.id', 'conversations.customer_id')
    .leftJoin('users', 'users.id', 'conversations.assignee_id')
    .select([
      'conversations.id',
      'conversations.number',
      'conversations.channel',
      'conversations.subject',
      'conversations.status',
      'conversations.priority',
      'conversations.assignee_id',
      'conversations.created_at',
      'conversations.updated_at',
      'conversations.last_message_at',
      'conversations.waiting_since',
      'conversations.message_count',
      'conversations.last_message_preview',
      'conversations.heat',
      'conversations.peak_heat',
      'conversations.heat_trend',
      'conversations.flags',
      'conversations.language',
      'conversations.category',
      'customers.id as customer_id',
      'customers.name as customer_name',
      'customers.tier as customer_tier',
      'customers.country as customer_country',
      'customers.status as customer_status',
      'users.name as assignee_name',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export function summaryFromRow(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    number: Number(row.number),
    customer: {
      id: row.customer_id,
      name: row.customer_name,
      tier: row.customer_tier,
      country: row.customer_country,
      status: row.customer_status,
    },
    channel: row.channel as Channel,
    subject: row.subject,
    status: row.status as ConversationStatus,
    priority: row.priority as Priority,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? 'Former user' } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
    waitingSince: row.waiting_since,
    messageCount: Number(row.message_count),
    lastMessagePreview: row.last_message_preview,
    heat: Number(row.heat),
    peakHeat: Number(row.peak_heat),
    trend: row.heat_trend as Trend,
    flags: parseJsonColumn<ConversationFlag[]>(row.flags, []),
    language: row.language,
    category: row.category,
  };
}

const summaryById = preparedQuery<{ id: string }, SummaryRow>((db, argument) =>
  summaryQuery(db).where('conversations.id', '=', argument('id')),
);

export async function loadSummary(db: Kysely<Database>, id: string): Promise<ConversationSummary | null> {
  const [row] = await summaryById(db, { id });
  return row ? summaryFromRow(row) : null;
}

export function messageQuery(db: Kysely<Database>) {
  return db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_user_id')
    .select([
      'messages.id',
      'messages.conversation_id',
      'messages.kind',
      'messages.author_user_id',
      'users.name as author_name',
      'messages.body',
      'messages.channel',
      'messages.external_id',
      'messages.created_at',
      'messages.analysis',
      'messages.coach',
    ]);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof messageQuery>['executeTakeFirstOrThrow']>>;

export function messageFromRow(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind as MessageKind,
    author: row.author_user_id ? { id: row.author_user_id, name: row.author_name ?? 'Former user' } : null,
    body: row.body,
    channel: row.channel as Channel,
    externalId: row.external_id,
    createdAt: row.created_at,
    analysis: parseJsonColumn<MessageAnalysis | null>(row.analysis, null),
    coach: parseJsonColumn<SentReplyReview | null>(row.coach, null),
  };
}
