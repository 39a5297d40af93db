import { type Kysely, sql } from 'kysely';
import { afterAgentReply, type Trend } from '../../analysis/index.ts';
import { type AuditAuthor, recordChange } from '../../audit/index.ts';
import type { Actor } from '../../auth/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { loadSummary, messageFromRow, messageQuery } from '../db/conversation-rows.ts';
import type {
  Channel,
  ConversationStatus,
  ConversationSummary,
  Message,
  Priority,
  SentReplyReview,
} from '../domain/conversation.ts';
import { previewOf } from '../domain/conversation.ts';
import { conversationError } from '../domain/conversation-errors.ts';
import { afterMessage, afterStatusChange, type ConversationChange, describeChange } from '../domain/timeline-rules.ts';
import type { ConversationDeps } from './conversation-deps.ts';

export interface ConversationPatch {
  status?: ConversationStatus | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | null | undefined;
  subject?: string | undefined;
}

async function insertTimelineEntry(
  db: Kysely<Database>,
  entry: {
    conversationId: string;
    kind: 'agent' | 'note' | 'system';
    authorId: string | null;
    body: string;
    channel: string;
    at: string;
    review?: SentReplyReview | null;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('messages')
    .values({
      id,
      conversation_id: entry.conversationId,
      kind: entry.kind,
      author_user_id: entry.authorId,
      body: entry.body,
      channel: entry.channel,
      external_id: null,
      created_at: entry.at,
      coach: entry.review ? JSON.stringify(entry.review) : null,
    })
    .execute();
  return id;
}

/** One audit row per kind of change, so status changes and (re)assignments can be filtered on their own. */
async function auditConversationChange(
  db: Kysely<Database>,
  author: AuditAuthor,
  at: string,
  conversationId: string,
  { change, assigneeIds }: { change: ConversationChange; assigneeIds: { from: string | null; to: string | null } },
): Promise<void> {
  const subject = { subjectType: 'conversation', subjectId: conversationId } as const;
  if (change.status) {
    await recordChange(db, author, at, {
      action: 'conversation.status-changed',
      ...subject,
      before: { status: change.status.from },
      after: { status: change.status.to },
    });
  }
  if (change.assignee) {
    await recordChange(db, author, at, {
      action: 'conversation.assigned',
      ...subject,
      before: { assignee: change.assignee.from },
      after: { assignee: change.assignee.to },
      details: { assigneeId: assigneeIds },
    });
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (change.priority) [before.priority, after.priority] = [change.priority.from, change.priority.to];
  if (change.subject) [before.subject, after.subject] = [change.subject.from, change.subject.to];
  await recordChange(db, author, at, { action: 'conversation.updated', ...subject, before, after });
}

/** Status, priority, assignee or subject; each change leaves a system event in the timeline. */
export async function changeConversation(
  deps: ConversationDeps,
  actor: Pick<Actor, 'userId' | 'userName'> & { tokenId?: string | null; ip?: string | null },
  id: string,
  patch: ConversationPatch,
): Promise<ConversationSummary> {
  const now = deps.clock.now().toISOString();
  const changed = await deps.db.transaction().execute(async (transaction) => {
    const row = await transaction.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw conversationError('conversation-not-found', `There is no conversation ${id}.`);
    const change: ConversationChange = {};
    if (patch.status && patch.status !== row.status) change.status = { from: row.status as ConversationStatus, to: patch.status };
    if (patch.priority && patch.priority !== row.priority)
      change.priority = { from: row.priority as Priority, to: patch.priority };
    if (patch.subject && patch.subject !== row.subject) change.subject = { from: row.subject, to: patch.subject };
    if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) {
      const names = await transaction
        .selectFrom('users')
        .select(['id', 'name', 'deactivated_at'])
        .where('id', 'in', [patch.assigneeId ?? '', row.assignee_id ?? ''])
        .execute();
      const assignee = names.find((user) => user.id === patch.assigneeId);
      if (patch.assigneeId !== null && (!assignee || assignee.deactivated_at !== null)) {
        throw conversationError('assignee-not-found', `There is no active user ${patch.assigneeId} to assign.`, [
          { field: 'body.assigneeId', message: 'no such active user' },
        ]);
      }
      change.assignee = {
        from: names.find((user) => user.id === row.assignee_id)?.name ?? null,
        to: assignee?.name ?? null,
      };
    }
    const lines = describeChange(change, actor.userName);
    if (lines.length === 0) return false;
    const waiting = change.status
      ? afterStatusChange({ status: row.status as ConversationStatus, waitingSince: row.waiting_since }, change.status.to)
      : { status: row.status as ConversationStatus, waitingSince: row.waiting_since };
    await transaction
      .updateTable('conversations')
      .set({
        status: waiting.status,
        waiting_since: waiting.waitingSince,
        priority: patch.priority ?? row.priority,
        subject: patch.subject ?? row.subject,
        assignee_id: patch.assigneeId === undefined ? row.assignee_id : patch.assigneeId,
        updated_at: now,
        message_count: sql`message_count + ${lines.length}`,
      })
      .where('id', '=', id)
      .execute();
    await auditConversationChange(transaction, { userId: actor.userId, tokenId: actor.tokenId, ip: actor.ip }, now, id, {
      change,
      assigneeIds: { from: row.assignee_id, to: patch.assigneeId === undefined ? row.assignee_id : patch.assigneeId },
    });
    for (const line of lines) {
      await insertTimelineEntry(transaction, {
        conversationId: id,
        kind: 'system',
        authorId: actor.userId,
        body: line,
        channel: row.channel,
        at: now,
      });
    }
    return true;
  });
  const conversation = await loadSummary(deps.db, id);
  if (!conversation) throw conversationError('conversation-not-found', `There is no conversation ${id}.`);
  if (changed) await deps.events.publish({ type: 'conversation.updated', conversationId: id, conversation });
  return conversation;
}

/** An agent's reply to the customer, or an internal note only staff ever see. */
export async function postMessage(
  deps: ConversationDeps,
  actor: Pick<Actor, 'userId'>,
  id: string,
  input: {
    kind: 'agent' | 'note';
    body: string;
    review?: SentReplyReview | null;
    /** Where it was said, when not the conversation's own channel (a phone call logged on an e-mail case). */
    channel?: Channel;
  },
): Promise<Message> {
  const now = deps.clock.now().toISOString();
  const messageId = await deps.db.transaction().execute(async (transaction) => {
    const row = await transaction
      .selectFrom('conversations')
      .select(['id', 'status', 'waiting_since', 'channel', 'heat', 'peak_heat', 'heat_trend', 'heat_count'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw conversationError('conversation-not-found', `There is no conversation ${id}.`);
    // A reply that acknowledges, owns and names a next step cools the case (analysis/domain/case-heat.ts).
    const cooled =
      input.kind === 'agent' && Number(row.heat_count) > 0
        ? afterAgentReply({ heat: Number(row.heat), peak: Number(row.peak_heat), trend: row.heat_trend as Trend }, input.body)
        : null;
    const insertedId = await insertTimelineEntry(transaction, {
      conversationId: id,
      kind: input.kind,
      authorId: actor.userId,
      body: input.body,
      channel: input.channel ?? row.channel,
      at: now,
      review: input.kind === 'agent' ? (input.review ?? null) : null,
    });
    const next = afterMessage({ status: row.status as ConversationStatus, waitingSince: row.waiting_since }, input.kind, now);
    await transaction
      .updateTable('conversations')
      .set({
        status: next.status,
        waiting_since: next.waitingSince,
        updated_at: now,
        last_message_at: now,
        message_count: sql`message_count + 1`,
        ...(cooled !== null ? { heat: cooled.heat, heat_trend: cooled.trend } : {}),
        // An internal note must not become the preview a customer-facing list could show.
        ...(input.kind === 'agent' ? { last_message_preview: previewOf(input.body) } : {}),
      })
      .where('id', '=', id)
      .execute();
    return insertedId;
  });
  const [messageRow, conversation] = await Promise.all([
    messageQuery(deps.db).where('messages.id', '=', messageId).executeTakeFirstOrThrow(),
    loadSummary(deps.db, id),
  ]);
  const message = messageFromRow(messageRow);
  if (conversation) await deps.events.publish({ type: 'message.created', conversationId: id, message, conversation });
  return message;
}
