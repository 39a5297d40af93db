import type { ColumnType } from 'kysely';

/** E-mail channel tables (owned by src/channels/email) and the durable jobs table (owned by src/platform/jobs). */
type JsonColumn = ColumnType<unknown, string, string>;

/** platform/jobs: durable work, claimed with a lease, retried with back-off */
export interface JobsTable {
  id: string;
  type: string;
  payload: JsonColumn;
  /** queued | running | done | dead */
  status: string;
  /** Enqueueing the same key twice keeps the first job (idempotent enqueue from several nodes). */
  dedupe_key: string | null;
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** channels/email: one row per e-mail received or sent; maps RFC Message-IDs to timeline messages */
export interface EmailMessagesTable {
  id: string;
  /** in | out */
  direction: string;
  rfc_message_id: string;
  /** The timeline entry (customer message, agent reply or system note); null when the mail was dropped. */
  message_id: string | null;
  conversation_id: string | null;
  /** customer | auto-reply | bounce | list | loop (inbound); reply (outbound) */
  classification: string;
  /** in: received | ignored; out: queued | sent | failed | bounced */
  status: string;
  in_reply_to: string | null;
  reference_ids: JsonColumn;
  from_address: string;
  from_name: string;
  to_addresses: JsonColumn;
  reply_to: string | null;
  subject: string;
  /** The whole plain text, quoted history and signature included (agents can expand it). */
  text_full: string;
  html_sanitized: string | null;
  size_bytes: number;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** channels/email: attachment bytes live in the database (content is null when the attachment was refused) */
export interface EmailAttachmentsTable {
  id: string;
  email_message_id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content_id: string | null;
  inline: number;
  content: Buffer | null;
  rejected_reason: string | null;
  created_at: string;
}

/** channels/email: one row ('default'): what admins set (secrets AES-256-GCM encrypted) and the channel's health */
export interface EmailSettingsTable {
  id: string;
  support_addresses: ColumnType<unknown, string | null | undefined, string | null>;
  from_name: string | null;
  outbound_smtp_url_encrypted: string | null;
  imap_host: string | null;
  imap_port: number | null;
  imap_secure: number | null;
  imap_user: string | null;
  imap_password_encrypted: string | null;
  imap_enabled: number;
  /** Agent replies older than this are never swept into the outbox (history and demo data stay unsent). */
  outbound_since: string;
  last_received_at: string | null;
  last_sent_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface EmailTables {
  jobs: JobsTable;
  email_messages: EmailMessagesTable;
  email_attachments: EmailAttachmentsTable;
  email_settings: EmailSettingsTable;
}
