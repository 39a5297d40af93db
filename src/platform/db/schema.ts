import type { ColumnType } from 'kysely';
import type { AuthTables } from './schema-auth.ts';
import type { ChatTables } from './schema-chat.ts';
import type { EmailTables } from './schema-email.ts';
import type { PrivacyTables } from './schema-privacy.ts';
import type { RealtimeTables } from './schema-realtime.ts';

/**
 * The tables, as Kysely sees them. Each table belongs to one capability (named in the comment);
 * other capabilities reach it only through that capability's index.ts.
 * Times are ISO-8601 UTC text in both databases; JSON is TEXT in SQLite and jsonb in PostgreSQL
 * (always written as a JSON string, read back through `parseJsonColumn`).
 */
type JsonColumn = ColumnType<unknown, string, string>;

/** auth */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  approval_limit_minor: number;
  approval_limit_currency: string;
  deactivated_at: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
  /** Sealed TOTP secret once confirmed; the pending one while enrolling; last accepted time step. */
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  password_changed_at: string | null;
}

/** auth */
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  /** 1 while the user must enrol a second factor before doing anything else. */
  two_factor_enrolment_required: number;
}

/** auth */
export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  prefix: string;
  secret_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

/** audit */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: JsonColumn;
  ip: string | null;
}

/** customers */
export interface CustomersTable {
  id: string;
  name: string;
  name_search: string;
  external_id: string | null;
  country: string;
  region: string | null;
  language: string;
  currency: string;
  time_zone: string;
  tier: string;
  lifetime_value_minor: number;
  tags: JsonColumn;
  notes: string;
  status: string;
  created_at: string;
  updated_at: string;
}

/** customers: one row per e-mail address or phone number, normalised, unique across customers */
export interface CustomerContactsTable {
  id: string;
  customer_id: string;
  kind: string;
  value: string;
  position: number;
}

/** customers */
export interface OrdersTable {
  id: string;
  customer_id: string;
  reference: string;
  amount_minor: number;
  currency: string;
  status: string;
  description: string;
  ordered_at: string;
  shipped_at: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

/** conversations */
export interface ConversationsTable {
  id: string;
  number: number;
  customer_id: string;
  channel: string;
  subject: string;
  status: string;
  priority: string;
  assignee_id: string | null;
  created_at: string;
  updated_at: string;
  last_message_at: string;
  waiting_since: string | null;
  message_count: number;
  last_message_preview: string;
  /** The current reading of the customer's heat (0–100) and how it moves. */
  heat: ColumnType<number, number | undefined, number>;
  peak_heat: ColumnType<number, number | undefined, number>;
  heat_trend: ColumnType<string, string | undefined, string>;
  heat_sum: ColumnType<number, number | undefined, number>;
  heat_count: ColumnType<number, number | undefined, number>;
  /** Flags the inbox shows: abuse, legal threat, public threat. */
  flags: ColumnType<unknown, string | null | undefined, string | null>;
  language: ColumnType<string | null, string | null | undefined, string | null>;
  category: ColumnType<string | null, string | null | undefined, string | null>;
}

/** conversations */
export interface MessagesTable {
  id: string;
  conversation_id: string;
  kind: string;
  author_user_id: string | null;
  body: string;
  channel: string;
  external_id: string | null;
  created_at: string;
  analysis: ColumnType<unknown, string | null | undefined, string | null>;
  analysis_version: ColumnType<string | null, string | null | undefined, string | null>;
  heat: ColumnType<number | null, number | null | undefined, number | null>;
  /** Agent replies: the coach's review at send time and the findings the agent kept (overrides). */
  coach: ColumnType<unknown, string | null | undefined, string | null>;
}

/** playbook: an agent's own action on a conversation's playbook (the rest is derived from the timeline) */
export interface PlaybookActionsTable {
  id: string;
  conversation_id: string;
  action: ColumnType<unknown, string, string>;
  user_id: string;
  at: string;
}

/** scripts: every version of every script; the newest unretired version of a key is suggested */
export interface ScriptTemplatesTable {
  key: string;
  version: number;
  title: string;
  step: string;
  language: string;
  categories: ColumnType<unknown, string, string>;
  intents: ColumnType<unknown, string, string>;
  regions: ColumnType<unknown, string, string>;
  tiers: ColumnType<unknown, string, string>;
  body: string;
  retired_at: string | null;
  created_by: string | null;
  created_at: string;
}

/** scripts: an admin's per-country communication guidance (defaults ship in code) */
export interface RegionalGuidanceTable {
  country: string;
  guidance: ColumnType<unknown, string, string>;
  updated_by: string | null;
  updated_at: string;
}

/** analysis: an agent's correction of a label, for retraining and evaluating the next version */
export interface AnalysisCorrectionsTable {
  id: string;
  message_id: string;
  conversation_id: string;
  signal: string;
  verdict: string;
  note: string;
  analysis_version: string;
  user_id: string;
  created_at: string;
}

/** platform: named counters for human-readable numbers (ticket numbers) */
export interface CountersTable {
  name: string;
  value: number;
}

/** Channel tables live beside their capability's code; see schema-email.ts and schema-chat.ts. */
export interface Database extends AuthTables, EmailTables, ChatTables, PrivacyTables, RealtimeTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  customers: CustomersTable;
  customer_contacts: CustomerContactsTable;
  orders: OrdersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  counters: CountersTable;
  analysis_corrections: AnalysisCorrectionsTable;
  playbook_actions: PlaybookActionsTable;
  script_templates: ScriptTemplatesTable;
  regional_guidance: RegionalGuidanceTable;
}
