import type { Kysely } from 'kysely';
import { analyzeMessage, type MessageAnalysis } from '../../analysis/index.ts';
import { identifyOrCreateCustomer, type SenderIdentity } from '../../customers/index.ts';
import { isUniqueViolation, nextCounterValue, parseJsonColumn } from '../../platform/db/database.ts';
import { preparedQuery } from '../../platform/db/prepared-query.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { loadSummary, messageFromRow, messageQuery } from '../db/conversation-rows.ts';
import {
  activeStatuses,
  type Channel,
  type ConversationStatus,
  type ConversationSummary,
  type Message,
  previewOf,
  subjectFor,
} from '../domain/conversation.ts';
import { conversationError } from '../domain/conversation-errors.ts';
import { abuseKindsOf, type ConversationFlag, type HeatReading, isAbusive, nextReading } from '../domain/heat-reading.ts';
import { afterMessage } from '../domain/timeline-rules.ts';
import type { ConversationDeps } from './conversation-deps.ts';

export interface InboundMessage {
  channel: Channel;
  externalMessageId?: string | undefined;
  from: SenderIdentity;
  subject?: string | undefined;
  body: string;
  receivedAt?: string | undefined;
  /** Set by channel adapters that already know the case (e-mail threading, chat sessions). */
  conversationId?: string | undefined;
}

export interface IngestResult {
  message: Message;
  conversation: ConversationSummary;
  duplicate: boolean;
  customerCreated: boolean;
  conversationCreated: boolean;
}

// The hot path's queries, built once per database (see preparedQuery).
const findByExternalId = preparedQuery<{ channel: string; externalId: string }, { id: string; conversation_id: string }>(
  (db, argument) =>
    db
      .selectFrom('messages')
      .select(['id', 'conversation_id'])
      .where('channel', '=', argument('channel'))
      .where('external_id', '=', argument('externalId')),
);
type ActiveConversationRow = {
  id: string;
  status: string;
  waiting_since: string | null;
  last_message_at: string;
  heat: number;
  peak_heat: number;
  heat_trend: string;
  heat_sum: number;
  heat_count: number;
  flags: unknown;
  language: string | null;
  category: string | null;
};
const activeConversationColumns = [
  'id',
  'status',
  'waiting_since',
  'last_message_at',
  'heat',
  'peak_heat',
  'heat_trend',
  'heat_sum',
  'heat_count',
  'flags',
  'language',
  'category',
] as const;
const findActiveConversation = preparedQuery<{ customerId: string }, ActiveConversationRow>((db, argument) =>
  db
    .selectFrom('conversations')
    .select(activeConversationColumns)
    .where('customer_id', '=', argument('customerId'))
    .where('status', 'in', activeStatuses)
    .orderBy('last_message_at', 'desc')
    .limit(1),
);
const insertMessage = preparedQuery<Record<string, unknown>, never>((db, argument) =>
  db.insertInto('messages').values({
    id: argument('id'),
    conversation_id: argument('conversationId'),
    kind: 'customer',
    author_user_id: null,
    body: argument('body'),
    channel: argument('channel'),
    external_id: argument('externalId'),
    created_at: argument('createdAt'),
    analysis: argument('analysis'),
    analysis_version: argument('analysisVersion'),
    heat: argument('heat'),
  }),
);
const readingColumns = (argument: (name: string) => never) => ({
  heat: argument('heat'),
  peak_heat: argument('peakHeat'),
  heat_trend: argument('trend'),
  heat_sum: argument('heatSum'),
  heat_count: argument('heatCount'),
  flags: argument('flags'),
  language: argument('language'),
  category: argument('category'),
});
const recordLatestMessage = preparedQuery<Record<string, unknown>, never>((db, argument) =>
  db
    .updateTable('conversations')
    .set((builder) => ({
      status: argument('status'),
      waiting_since: argument('waitingSince'),
      updated_at: argument('now'),
      message_count: builder('message_count', '+', 1),
      last_message_at: argument('at'),
      last_message_preview: argument('preview'),
      ...readingColumns(argument),
    }))
    .where('id', '=', argument('id')),
);
const recordEarlierMessage = preparedQuery<Record<string, unknown>, never>((db, argument) =>
  db
    .updateTable('conversations')
    .set((builder) => ({
      status: argument('status'),
      waiting_since: argument('waitingSince'),
      updated_at: argument('now'),
      message_count: builder('message_count', '+', 1),
      ...readingColumns(argument),
    }))
    .where('id', '=', argument('id')),
);

async function readStored(db: Kysely<Database>, messageId: string, conversationId: string): Promise<IngestResult> {
  const [row, conversation] = await Promise.all([
    messageQuery(db).where('messages.id', '=', messageId).executeTakeFirstOrThrow(),
    loadSummary(db, conversationId),
  ]);
  if (!conversation) throw conversationError('conversation-not-found', `Conversation ${conversationId} vanished.`);
  return { message: messageFromRow(row), conversation, duplicate: true, customerCreated: false, conversationCreated: false };
}

function readingOf(row: ActiveConversationRow): HeatReading {
  return {
    heat: Number(row.heat),
    peakHeat: Number(row.peak_heat),
    trend: row.heat_trend as HeatReading['trend'],
    heatSum: Number(row.heat_sum),
    heatCount: Number(row.heat_count),
    flags: parseJsonColumn<ConversationFlag[]>(row.flags, []),
    language: row.language,
    category: row.category,
  };
}

/**
 * One inbound message, inside the caller's transaction: dedupe, identify, thread, store with its
 * analysis, and move the case's heat reading. `analysis` was made before the transaction; a
 * customer writing again before any answer is read once more with that context (repeat contact).
 */
async function store(
  db: Kysely<Database>,
  input: InboundMessage,
  firstReading: MessageAnalysis,
  now: string,
): Promise<IngestResult> {
  if (input.externalMessageId) {
    const [existing] = await findByExternalId(db, { channel: input.channel, externalId: input.externalMessageId });
    if (existing) return readStored(db, existing.id, existing.conversation_id);
  }
  const { customerId, created: customerCreated } = await identifyOrCreateCustomer(db, input.from, now);
  const at = input.receivedAt && input.receivedAt < now ? new Date(input.receivedAt).toISOString() : now;

  let conversation: ActiveConversationRow | undefined = input.conversationId
    ? await db
        .selectFrom('conversations')
        .select(activeConversationColumns)
        .where('id', '=', input.conversationId)
        .where('customer_id', '=', customerId)
        .where('status', 'in', activeStatuses)
        .executeTakeFirst()
    : (await findActiveConversation(db, { customerId }))[0];
  const conversationCreated = !conversation;
  if (!conversation) {
    const id = newId();
    await db
      .insertInto('conversations')
      .values({
        id,
        number: await nextCounterValue(db, 'conversation_number'),
        customer_id: customerId,
        channel: input.channel,
        subject: subjectFor(input.subject, input.body),
        status: 'open',
        priority: 'normal',
        assignee_id: null,
        created_at: now,
        updated_at: now,
        last_message_at: at,
        waiting_since: null,
        message_count: 0,
        last_message_preview: '',
      })
      .execute();
    conversation = {
      id,
      status: 'open',
      waiting_since: null,
      last_message_at: at,
      heat: 0,
      peak_heat: 0,
      heat_trend: 'steady',
      heat_sum: 0,
      heat_count: 0,
      flags: null,
      language: null,
      category: null,
    };
  }
  const waiting = conversation.waiting_since !== null;
  // Read again with the case's context when the customer writes again unanswered, or when the text alone was too
  // short to tell its language and the case already knows it.
  const languageHint = conversation.language ?? undefined;
  const analysis =
    waiting || (firstReading.language.score < 0.5 && languageHint !== undefined)
      ? analyzeMessage(input.body, { unansweredCustomerMessages: waiting ? 1 : 0, languageHint })
      : firstReading;
  const previous = readingOf(conversation);
  const hoursSinceAnswer =
    !waiting && previous.heatCount > 0
      ? Math.max(0, (Date.parse(at) - Date.parse(conversation.last_message_at)) / 3_600_000)
      : null;
  const reading = nextReading(previous, analysis, { unanswered: waiting ? 1 : 0, hoursSinceAnswer });

  const message: Message = {
    id: newId(),
    conversationId: conversation.id,
    kind: 'customer',
    author: null,
    body: input.body,
    channel: input.channel,
    externalId: input.externalMessageId ?? null,
    createdAt: at,
    analysis,
    coach: null,
  };
  await insertMessage(db, {
    id: message.id,
    conversationId: message.conversationId,
    body: message.body,
    channel: message.channel,
    externalId: message.externalId,
    createdAt: message.createdAt,
    analysis: JSON.stringify(analysis),
    analysisVersion: analysis.version,
    heat: analysis.heat,
  });
  const next = afterMessage(
    { status: conversation.status as ConversationStatus, waitingSince: conversation.waiting_since },
    'customer',
    at,
  );
  const change = {
    id: conversation.id,
    status: next.status,
    waitingSince: next.waitingSince,
    now,
    ...reading,
    flags: JSON.stringify(reading.flags),
  };
  if (at >= conversation.last_message_at) await recordLatestMessage(db, { ...change, at, preview: previewOf(input.body) });
  else await recordEarlierMessage(db, change);
  const summary = await loadSummary(db, conversation.id);
  if (!summary) throw conversationError('conversation-not-found', `Conversation ${conversation.id} vanished.`);
  return { message, conversation: summary, duplicate: false, customerCreated, conversationCreated };
}

/**
 * The one way a customer's message enters Defuse, whatever the channel: identify the customer,
 * thread into their active case or open a new one, and store it in one transaction (possibly
 * shared with concurrent arrivals: group commit). Only then is anything acknowledged or
 * published. A repeated external message id returns the stored message and stores nothing new.
 */
export async function ingestInbound(deps: ConversationDeps, input: InboundMessage): Promise<IngestResult> {
  if (!input.from.email && !input.from.phone && !input.from.externalId) {
    throw conversationError('sender-unidentified', 'The sender needs an e-mail, a phone number or an external id.', [
      { field: 'body.from', message: 'needs email, phone or externalId' },
    ]);
  }
  const now = deps.clock.now().toISOString();
  // Reading the text is pure and the costliest step: do it before taking the writer.
  const analysis = analyzeMessage(input.body);
  let result: IngestResult;
  try {
    result = await deps.writes.run((transaction) => store(transaction, input, analysis, now));
  } catch (error) {
    // On PostgreSQL a concurrent request may have stored the same message or created the same
    // customer between our read and our insert; the unique index refused ours. Look again.
    if (!isUniqueViolation(error)) throw error;
    result = await deps.writes.run((transaction) => store(transaction, input, analysis, now));
  }
  if (!result.duplicate) {
    if (result.conversationCreated) {
      await deps.events.publish({
        type: 'conversation.created',
        conversationId: result.conversation.id,
        conversation: result.conversation,
      });
    }
    await deps.events.publish({
      type: 'message.created',
      conversationId: result.conversation.id,
      message: result.message,
      conversation: result.conversation,
    });
    if (result.message.analysis && isAbusive(result.message.analysis)) {
      await deps.events.publish({
        type: 'abuse.detected',
        conversationId: result.conversation.id,
        messageId: result.message.id,
        conversation: result.conversation,
        kinds: abuseKindsOf(result.message.analysis),
      });
    }
  }
  return result;
}
