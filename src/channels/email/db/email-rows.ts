import type { Kysely } from 'kysely';
import { agentReplyIdsSince } from '../../../conversations/index.ts';
import { parseJsonColumn } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import type { InboundAttachment } from '../domain/inbound-mail.ts';

export type EmailDirection = 'in' | 'out';
/** in: received | ignored; out: queued | sent | failed | bounced */
export type EmailStatus = 'received' | 'ignored' | 'queued' | 'sent' | 'failed' | 'bounced';

export interface EmailRecordInput {
  id: string;
  direction: EmailDirection;
  rfcMessageId: string;
  messageId: string | null;
  conversationId: string | null;
  classification: string;
  status: EmailStatus;
  inReplyTo: string | null;
  references: readonly string[];
  fromAddress: string;
  fromName: string;
  toAddresses: readonly string[];
  replyTo: string | null;
  subject: string;
  textFull: string;
  htmlSanitized: string | null;
  sizeBytes: number;
  lastError?: string | null;
  now: string;
}

/** Inserts one e-mail record (and its attachments); false when that Message-ID is already recorded. */
export async function insertEmailRecord(
  db: Kysely<Database>,
  record: EmailRecordInput,
  attachments: readonly InboundAttachment[] = [],
): Promise<boolean> {
  const result = await db
    .insertInto('email_messages')
    .values({
      id: record.id,
      direction: record.direction,
      rfc_message_id: record.rfcMessageId,
      message_id: record.messageId,
      conversation_id: record.conversationId,
      classification: record.classification,
      status: record.status,
      in_reply_to: record.inReplyTo,
      reference_ids: JSON.stringify(record.references),
      from_address: record.fromAddress,
      from_name: record.fromName,
      to_addresses: JSON.stringify(record.toAddresses),
      reply_to: record.replyTo,
      subject: record.subject,
      text_full: record.textFull,
      html_sanitized: record.htmlSanitized,
      size_bytes: record.sizeBytes,
      attempts: 0,
      last_error: record.lastError ?? null,
      sent_at: null,
      created_at: record.now,
      updated_at: record.now,
    })
    .onConflict((conflict) => conflict.column('rfc_message_id').doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (!inserted) return false;
  for (const attachment of attachments) {
    await db
      .insertInto('email_attachments')
      .values({
        id: attachment.id,
        email_message_id: record.id,
        filename: attachment.filename,
        content_type: attachment.contentType,
        size_bytes: attachment.sizeBytes,
        sha256: attachment.sha256,
        content_id: attachment.contentId,
        inline: attachment.inline ? 1 : 0,
        content: attachment.content,
        rejected_reason: attachment.rejectedReason,
        created_at: record.now,
      })
      .execute();
  }
  return true;
}

export async function findEmailByRfcId(db: Kysely<Database>, rfcMessageId: string) {
  return db.selectFrom('email_messages').selectAll().where('rfc_message_id', '=', rfcMessageId).executeTakeFirst();
}

export async function findEmailByMessageId(db: Kysely<Database>, messageId: string) {
  return db.selectFrom('email_messages').selectAll().where('message_id', '=', messageId).executeTakeFirst();
}

export async function findEmailById(db: Kysely<Database>, id: string) {
  return db.selectFrom('email_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Agent replies on e-mail conversations since `since` that have no outbound e-mail record (the
 * start-up sweep). The "no record" test runs inside the conversations read, so the limit counts
 * only replies still to send.
 */
export async function agentRepliesWithoutEmail(db: Kysely<Database>, since: string, limit: number): Promise<string[]> {
  return agentReplyIdsSince(db, {
    channel: 'email',
    since,
    limit,
    where: ({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('email_messages').select('email_messages.id').whereRef('email_messages.message_id', '=', 'messages.id'),
        ),
      ),
  });
}

/** The conversation of the first of `ids` (most specific first) that we have on record, in or out. */
export async function conversationByMessageIds(db: Kysely<Database>, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const rows = await db
    .selectFrom('email_messages')
    .select(['rfc_message_id', 'conversation_id'])
    .where('rfc_message_id', 'in', [...ids])
    .where('conversation_id', 'is not', null)
    .execute();
  for (const id of ids) {
    const row = rows.find((candidate) => candidate.rfc_message_id === id);
    if (row?.conversation_id) return row.conversation_id;
  }
  return null;
}

/** The customer's most recent mail in a conversation: whom a reply goes to and what it answers. */
export async function latestCustomerEmail(db: Kysely<Database>, conversationId: string) {
  return db
    .selectFrom('email_messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'in')
    .where('classification', '=', 'customer')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function emailRecordsOfConversation(db: Kysely<Database>, conversationId: string) {
  const records = await db
    .selectFrom('email_messages')
    .select([
      'id',
      'direction',
      'rfc_message_id',
      'message_id',
      'classification',
      'status',
      'attempts',
      'last_error',
      'sent_at',
      'created_at',
      'subject',
      'from_address',
      'to_addresses',
      'html_sanitized',
      'text_full',
    ])
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(2000)
    .execute();
  const attachments =
    records.length === 0
      ? []
      : await db
          .selectFrom('email_attachments')
          .select(['id', 'email_message_id', 'filename', 'content_type', 'size_bytes', 'inline', 'rejected_reason'])
          .where(
            'email_message_id',
            'in',
            records.map((record) => record.id),
          )
          .execute();
  return records.map((record) => ({
    record,
    toAddresses: parseJsonColumn<string[]>(record.to_addresses, []),
    attachments: attachments.filter((attachment) => attachment.email_message_id === record.id),
  }));
}

export async function attachmentsOf(db: Kysely<Database>, emailMessageId: string) {
  return db
    .selectFrom('email_attachments')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'inline', 'rejected_reason', 'content_id'])
    .where('email_message_id', '=', emailMessageId)
    .orderBy('id')
    .execute();
}

export async function markOutbound(
  db: Kysely<Database>,
  id: string,
  change: { status: EmailStatus; attempts?: number; lastError?: string | null; sentAt?: string | null; now: string },
): Promise<void> {
  await db
    .updateTable('email_messages')
    .set({
      status: change.status,
      ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
      ...(change.lastError !== undefined ? { last_error: change.lastError?.slice(0, 2000) ?? null } : {}),
      ...(change.sentAt !== undefined ? { sent_at: change.sentAt } : {}),
      updated_at: change.now,
    })
    .where('id', '=', id)
    .execute();
}
