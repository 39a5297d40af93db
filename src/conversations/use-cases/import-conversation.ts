import { nextCounterValue } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { Channel, ConversationStatus, MessageKind, Priority } from '../domain/conversation.ts';
import { previewOf } from '../domain/conversation.ts';
import { replayTimeline } from '../domain/heat-reading.ts';
import { afterMessage } from '../domain/timeline-rules.ts';
import type { ConversationDeps } from './conversation-deps.ts';

export interface ImportedMessage {
  kind: MessageKind;
  authorId: string | null;
  body: string;
  at: string;
}

export interface ImportConversationInput {
  customerId: string;
  channel: Channel;
  subject: string;
  status: ConversationStatus;
  priority: Priority;
  assigneeId: string | null;
  messages: ImportedMessage[];
}

/**
 * Brings a whole past conversation in at once (moving from another helpdesk, or the demo
 * company): the timeline keeps its original times and the waiting state is replayed from it.
 */
export async function importConversation(deps: Pick<ConversationDeps, 'db'>, input: ImportConversationInput): Promise<string> {
  const messages = [...input.messages].sort((a, b) => a.at.localeCompare(b.at));
  const first = messages[0];
  const last = messages.at(-1);
  if (!first || !last) throw new Error('A conversation needs at least one message.');
  let state = { status: input.status, waitingSince: null as string | null };
  for (const message of messages) state = afterMessage(state, message.kind, message.at);
  // Customer messages are read as they arrived, agent replies move the case heat (the live rules, replayed).
  const { reading, analyses } = replayTimeline(messages);
  const closed = input.status === 'resolved' || input.status === 'closed';
  const lastVisible = [...messages].reverse().find((message) => message.kind === 'customer' || message.kind === 'agent');
  const id = newId(Date.parse(first.at));
  await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto('conversations')
      .values({
        id,
        number: await nextCounterValue(transaction, 'conversation_number'),
        customer_id: input.customerId,
        channel: input.channel,
        subject: input.subject,
        status: input.status,
        priority: input.priority,
        assignee_id: input.assigneeId,
        created_at: first.at,
        updated_at: last.at,
        last_message_at: last.at,
        waiting_since: closed ? null : state.waitingSince,
        message_count: messages.length,
        last_message_preview: previewOf(lastVisible?.body ?? ''),
        heat: reading.heat,
        peak_heat: reading.peakHeat,
        heat_trend: reading.trend,
        heat_sum: reading.heatSum,
        heat_count: reading.heatCount,
        flags: JSON.stringify(reading.flags),
        language: reading.language,
        category: reading.category,
      })
      .execute();
    await transaction
      .insertInto('messages')
      .values(
        messages.map((message, index) => ({
          id: newId(Date.parse(message.at)),
          conversation_id: id,
          kind: message.kind,
          author_user_id: message.authorId,
          body: message.body,
          channel: input.channel,
          external_id: null,
          created_at: message.at,
          analysis: analyses[index] ? JSON.stringify(analyses[index]) : null,
          analysis_version: analyses[index]?.version ?? null,
          heat: analyses[index]?.heat ?? null,
        })),
      )
      .execute();
  });
  return id;
}
