import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordChange } from '../../../audit/index.ts';
import type { Actor } from '../../../auth/index.ts';
import { changeConversation, getConversation, ingestInbound, postMessage } from '../../../conversations/index.ts';
import { getCustomer } from '../../../customers/index.ts';
import type { CallLogsTable } from '../../../platform/db/schema-chat.ts';
import type { ChannelDeps } from '../../channel-deps.ts';
import { type CallLog, type callDirections, callError, type callKinds, type callOutcomes } from '../domain/call.ts';
import {
  assignRoles,
  detectFormat,
  parseTranscript,
  TranscriptError,
  type TranscriptFormat,
  type TranscriptTurn,
} from '../domain/transcript.ts';

/** What the audit log compares for a call: what a person logged, the transcript only by its length. */
function callAuditView(row: {
  kind: string;
  direction: string;
  started_at: string;
  duration_seconds: number | string;
  outcome: string;
  notes: string;
  transcript: string | null;
}): Record<string, unknown> {
  return {
    kind: row.kind,
    direction: row.direction,
    startedAt: row.started_at,
    durationSeconds: Number(row.duration_seconds),
    outcome: row.outcome,
    notes: row.notes,
    transcriptCharacters: row.transcript?.length ?? 0,
  };
}

export interface LogCallInput {
  id?: string | undefined;
  kind: (typeof callKinds)[number];
  direction: (typeof callDirections)[number];
  startedAt: string;
  durationSeconds: number;
  outcome: (typeof callOutcomes)[number];
  notes: string;
  transcript?:
    | {
        text: string;
        format?: TranscriptFormat | undefined;
        fileName?: string | undefined;
        agentSpeakers?: string[] | undefined;
        customerSpeakers?: string[] | undefined;
      }
    | undefined;
}

export interface LoggedCall {
  call: CallLog;
  /** The timeline entries the transcript became, in order (a re-upload returns the same customer entries). */
  entries: Array<{ turn: number; role: 'agent' | 'customer'; speaker: string | null; messageId: string | null }>;
}

function callFromRow(row: Selectable<CallLogsTable>): CallLog {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    kind: row.kind as CallLog['kind'],
    direction: row.direction as CallLog['direction'],
    startedAt: row.started_at,
    durationSeconds: Number(row.duration_seconds),
    outcome: row.outcome as CallLog['outcome'],
    notes: row.notes,
    transcriptFormat: row.transcript_format,
    turnCount: Number(row.turn_count),
    storedTurns: Number(row.stored_turns),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The same call logged twice (same conversation, kind and start) gets the same id: a re-upload is idempotent. */
export function callIdFor(conversationId: string, kind: string, startedAt: string): string {
  const hex = createHash('sha256')
    .update(`${conversationId}|${kind}|${new Date(startedAt).toISOString()}`)
    .digest('hex');
  return `call-${hex.slice(0, 32)}`;
}

export async function listCalls(deps: ChannelDeps, conversationId: string): Promise<CallLog[]> {
  await getConversation(deps.conversations, { id: conversationId, limit: 1 });
  const rows = await deps.db
    .selectFrom('call_logs')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(callFromRow);
}

/**
 * Logs a call or video meeting on a conversation. Its transcript's speaker turns become timeline
 * entries: the customer's through the one ingest path (analysed; external id `callId#turn`, so a
 * re-upload stores nothing twice), the agent's as agent messages (sent nowhere).
 */
export async function logCall(
  deps: ChannelDeps,
  actor: Pick<Actor, 'userId' | 'userName'> & { tokenId?: string | null; ip?: string | null },
  conversationId: string,
  input: LogCallInput,
): Promise<LoggedCall> {
  const { conversation } = await getConversation(deps.conversations, { id: conversationId, limit: 1 });
  let turns: TranscriptTurn[] = [];
  let format: TranscriptFormat | null = null;
  if (input.transcript) {
    format = input.transcript.format ?? detectFormat(input.transcript.text, input.transcript.fileName);
    try {
      turns = parseTranscript(format, input.transcript.text);
    } catch (error) {
      if (error instanceof TranscriptError) {
        throw callError('transcript-invalid', `The ${format} transcript cannot be read: ${error.message}`, [
          { field: 'body.transcript.text', message: error.message },
        ]);
      }
      throw error;
    }
  }
  const roles = assignRoles(turns, {
    agentSpeakers: input.transcript?.agentSpeakers,
    customerSpeakers: input.transcript?.customerSpeakers,
    agentName: actor.userName,
  });
  const id = input.id ?? callIdFor(conversationId, input.kind, input.startedAt);
  const now = deps.clock.now().toISOString();
  const startedAt = new Date(input.startedAt).toISOString();

  const existing = await deps.db.selectFrom('call_logs').selectAll().where('id', '=', id).executeTakeFirst();
  if (existing && existing.conversation_id !== conversationId) {
    throw callError('call-belongs-elsewhere', `Call ${id} is logged on another conversation.`);
  }
  const fields = {
    kind: input.kind,
    direction: input.direction,
    started_at: startedAt,
    duration_seconds: input.durationSeconds,
    outcome: input.outcome,
    notes: input.notes,
    transcript_format: format ?? existing?.transcript_format ?? null,
    transcript: input.transcript?.text ?? existing?.transcript ?? null,
    turn_count: input.transcript ? turns.length : Number(existing?.turn_count ?? 0),
    updated_at: now,
  };
  await deps.db.transaction().execute(async (transaction) => {
    // Insert-or-update in one statement: two loggings of the same call at once must not collide (PostgreSQL).
    await transaction
      .insertInto('call_logs')
      .values({ id, conversation_id: conversationId, ...fields, stored_turns: 0, created_by: actor.userId, created_at: now })
      .onConflict((conflict) => conflict.column('id').doUpdateSet(fields).where('call_logs.conversation_id', '=', conversationId))
      .execute();
    // Logging a call again with other details changes it: audited with before and after (the transcript by size only).
    await recordChange(transaction, { userId: actor.userId, tokenId: actor.tokenId ?? null, ip: actor.ip ?? null }, now, {
      action: existing ? 'call.updated' : 'call.logged',
      subjectType: 'call',
      subjectId: id,
      before: existing ? callAuditView(existing) : null,
      after: callAuditView(fields),
      details: { conversationId },
    });
  });

  const entries: LoggedCall['entries'] = [];
  const alreadyStored = Number(existing?.stored_turns ?? 0);
  if (turns.length > 0) {
    const customer = await getCustomer({ db: deps.db }, conversation.customer.id);
    const from = {
      externalId: customer.externalId ?? undefined,
      email: customer.emails[0],
      phone: customer.phones[0],
      name: customer.name,
    };
    if (!from.externalId && !from.email && !from.phone) {
      throw callError('customer-unreachable', 'The customer has no e-mail, phone or external id to file their words under.');
    }
    // A call on a closed case reopens it: the customer spoke again.
    if (roles.includes('customer') && !['open', 'pending', 'escalated'].includes(conversation.status)) {
      await changeConversation(deps.conversations, actor, conversationId, { status: 'open' });
    }
    for (const [turn, entry] of turns.entries()) {
      const role = roles[turn] ?? 'customer';
      let messageId: string | null = null;
      if (role === 'customer') {
        const result = await ingestInbound(deps.conversations, {
          channel: input.kind,
          externalMessageId: `${id}#${turn}`,
          from,
          body: entry.text,
          conversationId,
        });
        messageId = result.message.id;
      } else if (turn >= alreadyStored) {
        messageId = (
          await postMessage(deps.conversations, actor, conversationId, {
            kind: 'agent',
            body: entry.text,
            // Said on the call: never sent out by the conversation's own channel (e-mail).
            channel: input.kind,
          })
        ).id;
      }
      if (turn >= alreadyStored) {
        await deps.db
          .updateTable('call_logs')
          .set({ stored_turns: turn + 1 })
          .where('id', '=', id)
          .execute();
      }
      entries.push({ turn, role, speaker: entry.speaker, messageId });
    }
  }
  const row = await deps.db.selectFrom('call_logs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { call: callFromRow(row), entries };
}
