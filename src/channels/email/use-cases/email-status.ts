import type { Kysely } from 'kysely';
import { conversationExists } from '../../../conversations/index.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { attachmentsOf, emailRecordsOfConversation, findEmailByMessageId } from '../db/email-rows.ts';
import { emailError } from '../domain/email-errors.ts';
import { splitReply } from '../domain/reply-text.ts';
import { emailAttachmentUrl } from './email-deps.ts';

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
  /** Set when the attachment was refused (type, size): agents see that something was sent. */
  rejectedReason: string | null;
  downloadUrl: string | null;
}

function attachmentView(row: {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  inline: number;
  rejected_reason: string | null;
}): AttachmentView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    inline: Number(row.inline) === 1,
    rejectedReason: row.rejected_reason,
    downloadUrl: row.rejected_reason === null ? emailAttachmentUrl(row.id) : null,
  };
}

/**
 * The e-mail side of a conversation's timeline, one item per mail keyed by the timeline message id:
 * delivery status of replies (queued / sent / failed / bounced, attempts, last error), how machine
 * mail was classified, and attachments.
 */
export async function conversationEmailStatus(db: Kysely<Database>, conversationId: string) {
  if (!(await conversationExists(db, conversationId))) {
    throw emailError('conversation-not-found', `There is no conversation ${conversationId}.`);
  }
  const records = await emailRecordsOfConversation(db, conversationId);
  return {
    items: records.map(({ record, toAddresses, attachments }) => ({
      messageId: record.message_id,
      emailId: record.id,
      direction: record.direction,
      rfcMessageId: record.rfc_message_id,
      classification: record.classification,
      status: record.status,
      attempts: Number(record.attempts),
      lastError: record.last_error,
      sentAt: record.sent_at,
      createdAt: record.created_at,
      subject: record.subject,
      from: record.from_address,
      to: toAddresses,
      hasHtml: record.html_sanitized !== null,
      attachments: attachments.map(attachmentView),
    })),
  };
}

/** The whole mail behind one timeline message: full text with quotes and signature, sanitised HTML, attachments. */
export async function emailOfMessage(db: Kysely<Database>, messageId: string) {
  const record = await findEmailByMessageId(db, messageId);
  if (!record) throw emailError('email-message-not-found', `Message ${messageId} did not arrive or leave by e-mail.`);
  const split = splitReply(record.text_full);
  return {
    messageId,
    conversationId: record.conversation_id,
    direction: record.direction,
    rfcMessageId: record.rfc_message_id,
    subject: record.subject,
    from: { address: record.from_address, name: record.from_name },
    status: record.status,
    textFull: record.text_full,
    quoted: split.quoted,
    signature: split.signature,
    html: record.html_sanitized,
    attachments: (await attachmentsOf(db, record.id)).map(attachmentView),
  };
}

export async function loadAttachment(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('email_attachments')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'content', 'rejected_reason'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.content === null) throw emailError('attachment-not-found', `There is no stored attachment ${id}.`);
  return { ...row, content: Buffer.from(row.content) };
}
