import type { Kysely } from 'kysely';
import { parseJsonColumn } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';

/*
 * Export and erasure must see (and, for erasure, change in one transaction) everything every
 * capability holds about one person: cases, messages, calls, e-mail records, chat sessions and
 * audit entries. These queries read those tables directly — a deliberate, documented exception to
 * "only through the owner's index.ts" (docs/ARCHITECTURE.md), kept to this folder.
 */

export interface ExportMessage {
  id: string;
  kind: string;
  author: string | null;
  channel: string;
  body: string;
  createdAt: string;
  heat: number | null;
  analysis: unknown;
  coach: unknown;
}

export interface ExportConversation {
  id: string;
  number: number;
  channel: string;
  subject: string;
  status: string;
  priority: string;
  category: string | null;
  language: string | null;
  heat: number;
  peakHeat: number;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
  anonymised: { reason: string; at: string } | null;
  messages: ExportMessage[];
}

export interface ExportCall {
  id: string;
  conversationId: string;
  kind: string;
  direction: string;
  startedAt: string;
  durationSeconds: number;
  outcome: string;
  notes: string;
  transcriptFormat: string | null;
  transcript: string | null;
}

export interface ExportAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
  stored: boolean;
  rejectedReason: string | null;
}

export interface ExportEmail {
  id: string;
  direction: string;
  conversationId: string | null;
  classification: string;
  status: string;
  rfcMessageId: string;
  from: { address: string; name: string };
  to: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  attachments: ExportAttachment[];
}

export interface ExportChatSession {
  id: string;
  verification: string;
  email: string;
  name: string | null;
  language: string;
  origin: string;
  conversationId: string | null;
  createdAt: string;
  lastSeenAt: string;
}

export interface ExportAuditEntry {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: unknown;
}

export interface ExportErasureRequest {
  id: string;
  status: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface CustomerRelated {
  conversations: ExportConversation[];
  calls: ExportCall[];
  emails: ExportEmail[];
  chatSessions: ExportChatSession[];
  erasureRequests: ExportErasureRequest[];
  auditEntries: ExportAuditEntry[];
}

export async function conversationIdsOf(db: Kysely<Database>, customerId: string): Promise<string[]> {
  const rows = await db.selectFrom('conversations').select('id').where('customer_id', '=', customerId).execute();
  return rows.map((row) => row.id);
}

export async function contactValuesOf(db: Kysely<Database>, customerId: string): Promise<string[]> {
  const rows = await db.selectFrom('customer_contacts').select('value').where('customer_id', '=', customerId).execute();
  return rows.map((row) => row.value);
}

/** E-mail records of the cases, plus mail to or from the person's addresses outside any case (verification codes). */
export async function emailIdsOf(db: Kysely<Database>, conversationIds: string[], emails: string[]): Promise<string[]> {
  const ids = new Set<string>();
  if (conversationIds.length > 0) {
    for (const row of await db
      .selectFrom('email_messages')
      .select('id')
      .where('conversation_id', 'in', conversationIds)
      .execute()) {
      ids.add(row.id);
    }
  }
  for (const address of emails) {
    // to_addresses is a JSON array (text or jsonb): match the quoted address in its text form.
    const rows = await db
      .selectFrom('email_messages')
      .select('id')
      .where((builder) =>
        builder.or([
          builder('from_address', '=', address),
          builder('reply_to', '=', address),
          builder(builder.cast('to_addresses', 'text'), 'like', `%${JSON.stringify(address)}%`),
        ]),
      )
      .execute();
    for (const row of rows) ids.add(row.id);
  }
  return [...ids];
}

export async function chatSessionIdsOf(
  db: Kysely<Database>,
  customerId: string,
  conversationIds: string[],
  emails: string[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('chat_sessions')
    .select('id')
    .where((builder) =>
      builder.or([
        builder('customer_id', '=', customerId),
        ...(conversationIds.length > 0 ? [builder('conversation_id', 'in', conversationIds)] : []),
        ...(emails.length > 0 ? [builder('email', 'in', emails)] : []),
      ]),
    )
    .execute();
  return rows.map((row) => row.id);
}

/** Everything held about one customer beyond their profile and orders (those come from customers/). */
export async function loadCustomerRelated(db: Kysely<Database>, customerId: string, emails: string[]): Promise<CustomerRelated> {
  const conversationRows = await db
    .selectFrom('conversations')
    .leftJoin('anonymised_conversations', 'anonymised_conversations.conversation_id', 'conversations.id')
    .select([
      'conversations.id',
      'conversations.number',
      'conversations.channel',
      'conversations.subject',
      'conversations.status',
      'conversations.priority',
      'conversations.category',
      'conversations.language',
      'conversations.heat',
      'conversations.peak_heat',
      'conversations.message_count',
      'conversations.created_at',
      'conversations.updated_at',
      'anonymised_conversations.reason as anonymised_reason',
      'anonymised_conversations.at as anonymised_at',
    ])
    .where('conversations.customer_id', '=', customerId)
    .orderBy('conversations.created_at')
    .orderBy('conversations.id')
    .execute();
  const conversationIds = conversationRows.map((row) => row.id);
  const messageRows =
    conversationIds.length === 0
      ? []
      : await db
          .selectFrom('messages')
          .leftJoin('users', 'users.id', 'messages.author_user_id')
          .select([
            'messages.id',
            'messages.conversation_id',
            'messages.kind',
            'users.name as author_name',
            'messages.channel',
            'messages.body',
            'messages.created_at',
            'messages.heat',
            'messages.analysis',
            'messages.coach',
          ])
          .where('messages.conversation_id', 'in', conversationIds)
          .orderBy('messages.created_at')
          .orderBy('messages.id')
          .execute();
  const conversations: ExportConversation[] = conversationRows.map((row) => ({
    id: row.id,
    number: Number(row.number),
    channel: row.channel,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    category: row.category,
    language: row.language,
    heat: Number(row.heat),
    peakHeat: Number(row.peak_heat),
    messageCount: Number(row.message_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    anonymised: row.anonymised_reason ? { reason: row.anonymised_reason, at: String(row.anonymised_at) } : null,
    messages: messageRows
      .filter((message) => message.conversation_id === row.id)
      .map((message) => ({
        id: message.id,
        kind: message.kind,
        author: message.author_name ?? null,
        channel: message.channel,
        body: message.body,
        createdAt: message.created_at,
        heat: message.heat === null ? null : Number(message.heat),
        analysis: parseJsonColumn<unknown>(message.analysis, null),
        coach: parseJsonColumn<unknown>(message.coach, null),
      })),
  }));

  const calls: ExportCall[] =
    conversationIds.length === 0
      ? []
      : (
          await db
            .selectFrom('call_logs')
            .selectAll()
            .where('conversation_id', 'in', conversationIds)
            .orderBy('started_at')
            .execute()
        ).map((row) => ({
          id: row.id,
          conversationId: row.conversation_id,
          kind: row.kind,
          direction: row.direction,
          startedAt: row.started_at,
          durationSeconds: Number(row.duration_seconds),
          outcome: row.outcome,
          notes: row.notes,
          transcriptFormat: row.transcript_format,
          transcript: row.transcript,
        }));

  const emailIds = await emailIdsOf(db, conversationIds, emails);
  const emailRows =
    emailIds.length === 0
      ? []
      : await db.selectFrom('email_messages').selectAll().where('id', 'in', emailIds).orderBy('created_at').execute();
  // Metadata only: the export lists attachments, it never carries their bytes.
  const attachmentRows =
    emailIds.length === 0
      ? []
      : await db
          .selectFrom('email_attachments')
          .select(['id', 'email_message_id', 'filename', 'content_type', 'size_bytes', 'inline', 'rejected_reason'])
          .select((builder) => builder('content', 'is not', null).as('stored'))
          .where('email_message_id', 'in', emailIds)
          .execute();
  const emailsOut: ExportEmail[] = emailRows.map((row) => ({
    id: row.id,
    direction: row.direction,
    conversationId: row.conversation_id,
    classification: row.classification,
    status: row.status,
    rfcMessageId: row.rfc_message_id,
    from: { address: row.from_address, name: row.from_name },
    to: parseJsonColumn<string[]>(row.to_addresses, []),
    replyTo: row.reply_to,
    subject: row.subject,
    text: row.text_full,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attachments: attachmentRows
      .filter((attachment) => attachment.email_message_id === row.id)
      .map((attachment) => ({
        id: attachment.id,
        filename: attachment.filename,
        contentType: attachment.content_type,
        sizeBytes: Number(attachment.size_bytes),
        inline: Number(attachment.inline) === 1,
        stored: Boolean(attachment.stored),
        rejectedReason: attachment.rejected_reason,
      })),
  }));

  const sessionIds = await chatSessionIdsOf(db, customerId, conversationIds, emails);
  const chatSessions: ExportChatSession[] =
    sessionIds.length === 0
      ? []
      : (await db.selectFrom('chat_sessions').selectAll().where('id', 'in', sessionIds).orderBy('created_at').execute()).map(
          (row) => ({
            id: row.id,
            verification: row.verification,
            email: row.email,
            name: row.name,
            language: row.language,
            origin: row.origin,
            conversationId: row.conversation_id,
            createdAt: row.created_at,
            lastSeenAt: row.last_seen_at,
          }),
        );

  const requestRows = await db
    .selectFrom('erasure_requests')
    .innerJoin('users as requester', 'requester.id', 'erasure_requests.requested_by')
    .leftJoin('users as decider', 'decider.id', 'erasure_requests.decided_by')
    .select([
      'erasure_requests.id',
      'erasure_requests.status',
      'erasure_requests.reason',
      'requester.name as requested_by',
      'erasure_requests.requested_at',
      'decider.name as decided_by',
      'erasure_requests.decided_at',
    ])
    .where('erasure_requests.customer_id', '=', customerId)
    .orderBy('erasure_requests.requested_at')
    .execute();

  const subjectIds = await auditSubjectIdsOf(db, customerId, conversationIds);
  const auditRows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'users.name as actor_name',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.details',
    ])
    .where('audit_log.subject_id', 'in', subjectIds)
    .orderBy('audit_log.id')
    .limit(10_000)
    .execute();

  return {
    conversations,
    calls,
    emails: emailsOut,
    chatSessions,
    erasureRequests: requestRows.map((row) => ({
      id: row.id,
      status: row.status,
      reason: row.reason,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
      decidedBy: row.decided_by ?? null,
      decidedAt: row.decided_at,
    })),
    auditEntries: auditRows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor_name ?? null,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      details: parseJsonColumn<unknown>(row.details, {}),
    })),
  };
}

/**
 * The ids audit entries about this person are filed under: the customer, their orders, their cases
 * and the calls logged on them. (A new audited record that carries personal data belongs here.)
 */
export async function auditSubjectIdsOf(db: Kysely<Database>, customerId: string, conversationIds: string[]): Promise<string[]> {
  const orders = await db.selectFrom('orders').select('id').where('customer_id', '=', customerId).execute();
  const calls =
    conversationIds.length === 0
      ? []
      : await db.selectFrom('call_logs').select('id').where('conversation_id', 'in', conversationIds).execute();
  return [customerId, ...orders.map((order) => order.id), ...conversationIds, ...calls.map((call) => call.id)];
}
