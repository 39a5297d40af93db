import type { Kysely } from 'kysely';
import { type Customer, getCustomer, identifyOrCreateCustomer, type SenderIdentity } from '../../customers/index.ts';
import { isUniqueViolation, nextCounterValue } from '../../platform/db/database.ts';
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
  customer: Customer;
  duplicate: boolean;
}

interface Stored {
  messageId: string;
  conversationId: string;
  customerId: string;
  conversationCreated: boolean;
}

async function findDuplicate(db: Kysely<Database>, channel: Channel, externalId: string | undefined) {
  if (!externalId) return undefined;
  return db
    .selectFrom('messages')
    .select(['id', 'conversation_id'])
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

async function store(db: Kysely<Database>, input: InboundMessage, now: string): Promise<Stored> {
  const { customerId } = await identifyOrCreateCustomer(db, input.from, now);
  const at = input.receivedAt && input.receivedAt < now ? new Date(input.receivedAt).toISOString() : now;

  let conversation = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'waiting_since', 'last_message_at'])
    .where('customer_id', '=', customerId)
    .where('status', 'in', activeStatuses)
    .$if(input.conversationId !== undefined, (query) => query.where('id', '=', input.conversationId ?? ''))
    .orderBy('last_message_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  let conversationCreated = false;
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
    conversation = { id, status: 'open', waiting_since: null, last_message_at: at };
    conversationCreated = true;
  }

  const messageId = newId();
  await db
    .insertInto('messages')
    .values({
      id: messageId,
      conversation_id: conversation.id,
      kind: 'customer',
      author_user_id: null,
      body: input.body,
      channel: input.channel,
      external_id: input.externalMessageId ?? null,
      created_at: at,
    })
    .execute();
  const next = afterMessage(
    { status: conversation.status as ConversationStatus, waitingSince: conversation.waiting_since },
    'customer',
    at,
  );
  const isLatest = at >= conversation.last_message_at;
  await db
    .updateTable('conversations')
    .set((builder) => ({
      status: next.status,
      waiting_since: next.waitingSince,
      updated_at: now,
      message_count: builder('message_count', '+', 1),
      ...(isLatest ? { last_message_at: at, last_message_preview: previewOf(input.body) } : {}),
    }))
    .where('id', '=', conversation.id)
    .execute();
  return { messageId, conversationId: conversation.id, customerId, conversationCreated };
}

async function readBack(deps: ConversationDeps, messageId: string, conversationId: string, duplicate: boolean) {
  const [messageRow, conversation] = await Promise.all([
    messageQuery(deps.db).where('messages.id', '=', messageId).executeTakeFirstOrThrow(),
    loadSummary(deps.db, conversationId),
  ]);
  if (!conversation) throw conversationError('conversation-not-found', `Conversation ${conversationId} vanished.`);
  const customer = await getCustomer(deps, conversation.customer.id);
  return { message: messageFromRow(messageRow), conversation, customer, duplicate };
}

/**
 * The one way a customer's message enters Defuse, whatever the channel: identify the customer,
 * thread into their active case or open a new one, and store it in one transaction. Only then
 * is anything acknowledged or published. A repeated external message id stores nothing new.
 */
export async function ingestInbound(deps: ConversationDeps, input: InboundMessage): Promise<IngestResult> {
  if (!input.from.email && !input.from.phone && !input.from.externalId) {
    throw conversationError('sender-unidentified', 'The sender needs an e-mail, a phone number or an external id.', [
      { field: 'body.from', message: 'needs email, phone or externalId' },
    ]);
  }
  const existing = await findDuplicate(deps.db, input.channel, input.externalMessageId);
  if (existing) return readBack(deps, existing.id, existing.conversation_id, true);

  const now = deps.clock.now().toISOString();
  let stored: Stored;
  try {
    stored = await deps.db.transaction().execute((transaction) => store(transaction, input, now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent request stored the same message or created the same customer: look again.
    const raced = await findDuplicate(deps.db, input.channel, input.externalMessageId);
    if (raced) return readBack(deps, raced.id, raced.conversation_id, true);
    stored = await deps.db.transaction().execute((transaction) => store(transaction, input, now));
  }

  const result = await readBack(deps, stored.messageId, stored.conversationId, false);
  if (stored.conversationCreated) {
    await deps.events.publish({
      type: 'conversation.created',
      conversationId: stored.conversationId,
      conversation: result.conversation,
    });
  }
  await deps.events.publish({
    type: 'message.created',
    conversationId: stored.conversationId,
    message: result.message,
    conversation: result.conversation,
  });
  return result;
}
