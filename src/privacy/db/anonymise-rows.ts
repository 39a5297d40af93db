import { type Kysely, sql } from 'kysely';
import { nextCounterValue, parseJsonColumn } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import {
  erasedAddress,
  erasedCustomerName,
  erasedMessageBody,
  erasedSubject,
  erasedText,
  scrubAnalysis,
  scrubCoachReview,
  scrubStrings,
} from '../domain/anonymise.ts';
import { auditSubjectIdsOf, chatSessionIdsOf, contactValuesOf, conversationIdsOf, emailIdsOf } from './customer-data.ts';

// Writes across capabilities' tables in the caller's transaction (see the note in customer-data.ts).

const chunkSize = 200;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += chunkSize) out.push(items.slice(index, index + chunkSize));
  return out;
}

/** E-mail records lose addresses, names, subjects, text and headers; attachments lose their bytes and names. */
async function anonymiseEmailRecords(db: Kysely<Database>, emailIds: string[], now: string): Promise<void> {
  for (const ids of chunks(emailIds)) {
    await db
      .updateTable('email_messages')
      .set({
        rfc_message_id: sql<string>`${'<erased.'} || id || ${'@erased.invalid>'}`,
        from_address: erasedAddress,
        from_name: '',
        to_addresses: '[]',
        reply_to: null,
        in_reply_to: null,
        reference_ids: '[]',
        subject: erasedText,
        text_full: erasedText,
        html_sanitized: null,
        last_error: null,
        updated_at: now,
      })
      .where('id', 'in', ids)
      .execute();
    await db
      .updateTable('email_attachments')
      .set({ content: null, filename: erasedText, sha256: '', content_id: null, rejected_reason: 'erased' })
      .where('email_message_id', 'in', ids)
      .execute();
  }
}

/**
 * Anonymises cases (erasure or retention): message bodies, the quoted words in their analyses and
 * coach reviews, subjects and previews, call notes and transcripts, e-mail records and their
 * attachments, chat sessions' names and addresses, correction notes. Kept: case numbers, statuses,
 * heat, categories, counts and times. Returns how many cases were changed (skips those already done).
 */
export async function anonymiseConversations(
  db: Kysely<Database>,
  conversationIds: readonly string[],
  reason: 'erasure' | 'retention',
  now: string,
): Promise<number> {
  let changed = 0;
  for (const ids of chunks(conversationIds)) {
    const done = await db
      .selectFrom('anonymised_conversations')
      .select('conversation_id')
      .where('conversation_id', 'in', ids)
      .execute();
    const doneIds = new Set(done.map((row) => row.conversation_id));
    const todo = ids.filter((id) => !doneIds.has(id));
    if (todo.length === 0) continue;
    const messages = await db
      .selectFrom('messages')
      .select(['id', 'analysis', 'coach'])
      .where('conversation_id', 'in', todo)
      .where((builder) => builder.or([builder('analysis', 'is not', null), builder('coach', 'is not', null)]))
      .execute();
    for (const message of messages) {
      const analysis = parseJsonColumn<unknown>(message.analysis, null);
      const coach = parseJsonColumn<unknown>(message.coach, null);
      await db
        .updateTable('messages')
        .set({
          analysis: analysis === null ? null : JSON.stringify(scrubAnalysis(analysis)),
          coach: coach === null ? null : JSON.stringify(scrubCoachReview(coach)),
        })
        .where('id', '=', message.id)
        .execute();
    }
    // External ids may be RFC Message-IDs that carry the sender's address: each becomes its own placeholder.
    await db
      .updateTable('messages')
      .set({ body: erasedMessageBody, external_id: sql<string>`${'erased:'} || id` })
      .where('conversation_id', 'in', todo)
      .execute();
    await db
      .updateTable('conversations')
      .set({ subject: erasedSubject, last_message_preview: erasedMessageBody, updated_at: now })
      .where('id', 'in', todo)
      .execute();
    await db
      .updateTable('call_logs')
      .set({ notes: '', transcript: null, updated_at: now })
      .where('conversation_id', 'in', todo)
      .execute();
    await db.updateTable('analysis_corrections').set({ note: '' }).where('conversation_id', 'in', todo).execute();
    // An agent's reason for a playbook step (free text) may quote the customer.
    const actions = await db
      .selectFrom('playbook_actions')
      .select(['id', 'action'])
      .where('conversation_id', 'in', todo)
      .execute();
    for (const row of actions) {
      const action = parseJsonColumn<Record<string, unknown> | null>(row.action, null);
      if (!action || typeof action.reason !== 'string') continue;
      await db
        .updateTable('playbook_actions')
        .set({ action: JSON.stringify({ ...action, reason: erasedText }) })
        .where('id', '=', row.id)
        .execute();
    }
    const emails = await db.selectFrom('email_messages').select('id').where('conversation_id', 'in', todo).execute();
    await anonymiseEmailRecords(
      db,
      emails.map((row) => row.id),
      now,
    );
    await db
      .updateTable('chat_sessions')
      .set({ email: erasedAddress, name: null })
      .where('conversation_id', 'in', todo)
      .execute();
    await db
      .insertInto('anonymised_conversations')
      .values(todo.map((conversationId) => ({ conversation_id: conversationId, reason, at: now })))
      .execute();
    changed += todo.length;
  }
  return changed;
}

export interface ErasureOutcome {
  erasedName: string;
  conversations: number;
  contacts: number;
}

/**
 * Erases one customer's personal data in the caller's transaction: the profile (name, external id,
 * notes, tags), contacts, order descriptions, every case (see anonymiseConversations), chat sessions
 * and mail under their addresses, and the text in audit entries about them. Search by the old name,
 * address or phone finds nothing afterwards; the record, its orders and case numbers remain.
 */
export async function eraseCustomerData(db: Kysely<Database>, customerId: string, now: string): Promise<ErasureOutcome> {
  const contacts = await contactValuesOf(db, customerId);
  const emails = contacts.filter((value) => value.includes('@'));
  const conversationIds = await conversationIdsOf(db, customerId);
  // Read before anything changes: the addresses find mail and chats outside the cases.
  const emailIds = await emailIdsOf(db, conversationIds, emails);
  const sessionIds = await chatSessionIdsOf(db, customerId, conversationIds, emails);
  const auditSubjects = await auditSubjectIdsOf(db, customerId, conversationIds);

  const number = await nextCounterValue(db, 'erased_customer_number');
  const erasedName = erasedCustomerName(number);
  await db
    .updateTable('customers')
    .set({
      name: erasedName,
      name_search: erasedName.toLowerCase(),
      external_id: null,
      notes: '',
      tags: '[]',
      region: null,
      updated_at: now,
    })
    .where('id', '=', customerId)
    .execute();
  await db.deleteFrom('customer_contacts').where('customer_id', '=', customerId).execute();
  await db.updateTable('orders').set({ description: '', updated_at: now }).where('customer_id', '=', customerId).execute();

  const conversations = await anonymiseConversations(db, conversationIds, 'erasure', now);
  await anonymiseEmailRecords(db, emailIds, now);
  for (const ids of chunks(sessionIds)) {
    await db
      .updateTable('chat_sessions')
      .set({ email: erasedAddress, name: null, external_customer_id: null })
      .where('id', 'in', ids)
      .execute();
    await db.deleteFrom('chat_verification_codes').where('session_id', 'in', ids).execute();
  }
  // Audit entries stay (who did what, when), but the values they recorded about this person go.
  for (const ids of chunks(auditSubjects)) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', 'details'])
      .where('subject_id', 'in', ids)
      // The privacy trail itself (requests, decisions, exports) holds no erased values; it stays readable.
      .where('action', 'not like', 'erasure.%')
      .where('action', '!=', 'customer.exported')
      .execute();
    for (const row of rows) {
      const details = parseJsonColumn<unknown>(row.details, {});
      await db
        .updateTable('audit_log')
        .set({ details: JSON.stringify(scrubStrings(details)) })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return { erasedName, conversations, contacts: contacts.length };
}
