import { type AuditAuthor, recordChange } from '../../audit/index.ts';
import { newId } from '../../platform/ids.ts';
import { conversationError } from '../domain/conversation-errors.ts';
import type { ConversationDeps } from './conversation-deps.ts';

/** Every label an agent can dispute, by its stable name in the analysis result. */
export const correctableSignals = [
  'heat',
  'complaint',
  'category',
  'language',
  ...['anger', 'frustration', 'disappointment', 'anxiety', 'satisfaction'].map((name) => `emotions.${name}`),
  ...['profanity', 'insult', 'threat', 'harassment', 'slur'].map((name) => `abuse.${name}`),
  ...['refund', 'compensation', 'cancellation', 'legal_threat', 'public_shaming', 'manager_request', 'repeat_contact'].map(
    (name) => `intents.${name}`,
  ),
] as const;

export interface AnalysisCorrection {
  id: string;
  messageId: string;
  conversationId: string;
  signal: string;
  /** `wrong`: the label was shown but does not fit; `missed`: it fits but was not shown. */
  verdict: 'wrong' | 'missed';
  note: string;
  analysisVersion: string;
  user: { id: string; name: string };
  createdAt: string;
  /** The text the label was about, so a retraining set can be exported from here alone. */
  text: string;
}

/** An agent says a label is wrong (or missing): kept for retraining and to evaluate the next version. */
export async function correctAnalysis(
  deps: Pick<ConversationDeps, 'db' | 'clock'>,
  author: AuditAuthor & { userId: string },
  input: { messageId: string; signal: string; verdict: 'wrong' | 'missed'; note: string },
): Promise<{ id: string }> {
  const userId = author.userId;
  const message = await deps.db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'kind', 'analysis_version'])
    .where('id', '=', input.messageId)
    .executeTakeFirst();
  if (!message) throw conversationError('message-not-found', `There is no message ${input.messageId}.`);
  if (message.kind !== 'customer' || !message.analysis_version) {
    throw conversationError('message-not-analysed', 'Only analysed customer messages carry labels to correct.');
  }
  const analysisVersion = message.analysis_version;
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto('analysis_corrections')
      .values({
        id,
        message_id: message.id,
        conversation_id: message.conversation_id,
        signal: input.signal,
        verdict: input.verdict,
        note: input.note,
        analysis_version: analysisVersion,
        user_id: userId,
        created_at: now,
      })
      .execute();
    await recordChange(transaction, author, now, {
      action: 'analysis.corrected',
      subjectType: 'message',
      subjectId: message.id,
      before: null,
      after: { signal: input.signal, verdict: input.verdict, note: input.note, analysisVersion },
      details: { correctionId: id, conversationId: message.conversation_id },
    });
  });
  return { id };
}

export async function listAnalysisCorrections(
  deps: Pick<ConversationDeps, 'db'>,
  input: { limit: number; cursor?: string | undefined; messageId?: string | undefined },
): Promise<{ items: AnalysisCorrection[]; nextCursor: string | null }> {
  let query = deps.db
    .selectFrom('analysis_corrections')
    .innerJoin('users', 'users.id', 'analysis_corrections.user_id')
    .innerJoin('messages', 'messages.id', 'analysis_corrections.message_id')
    .select([
      'analysis_corrections.id',
      'analysis_corrections.message_id',
      'analysis_corrections.conversation_id',
      'analysis_corrections.signal',
      'analysis_corrections.verdict',
      'analysis_corrections.note',
      'analysis_corrections.analysis_version',
      'analysis_corrections.created_at',
      'users.id as user_id',
      'users.name as user_name',
      'messages.body',
    ])
    .orderBy('analysis_corrections.id', 'desc')
    .limit(input.limit + 1);
  if (input.cursor) query = query.where('analysis_corrections.id', '<', input.cursor);
  if (input.messageId) query = query.where('analysis_corrections.message_id', '=', input.messageId);
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      conversationId: row.conversation_id,
      signal: row.signal,
      verdict: row.verdict as 'wrong' | 'missed',
      note: row.note,
      analysisVersion: row.analysis_version,
      user: { id: row.user_id, name: row.user_name },
      createdAt: row.created_at,
      text: row.body,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
