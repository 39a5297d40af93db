import type { ColumnType } from 'kysely';

/** Chat widget, call-log and channel-settings tables (owned by src/channels/chat and src/channels/calls). */
type JsonColumn = ColumnType<unknown, string, string>;

/** chat: the widget's look and allowed origins (one row, id 'default'), and the key for session tokens */
export interface ChatWidgetSettingsTable {
  id: string;
  allowed_origins: JsonColumn;
  primary_color: string;
  text_color: string;
  position: string;
  /** Greeting per language code, e.g. {"en": "Hi! How can we help?"}. */
  greeting: JsonColumn;
  /** Random key for widget session tokens when WIDGET_SECRET is not configured. */
  session_secret: string;
  updated_by: string | null;
  updated_at: string;
}

/** chat: one visitor's chat (a browser, or a customer the site identified) ↔ customer ↔ conversation */
export interface ChatSessionsTable {
  id: string;
  /** 'signed' (the company's site vouched with an identity token) or 'email' (anonymous, e-mail given). */
  verification: string;
  external_customer_id: string | null;
  email: string;
  name: string | null;
  language: string;
  origin: string;
  customer_id: string | null;
  conversation_id: string | null;
  resume_key_hash: string;
  /** Bumped whenever a new session token is issued; older tokens are refused as replayed. */
  token_generation: number;
  customer_read_message_id: string | null;
  customer_read_at: string | null;
  agent_read_message_id: string | null;
  agent_read_at: string | null;
  created_at: string;
  last_seen_at: string;
}

/** calls: a phone call or video meeting an agent logged on a conversation */
export interface CallLogsTable {
  id: string;
  conversation_id: string;
  kind: string;
  direction: string;
  started_at: string;
  duration_seconds: number;
  outcome: string;
  notes: string;
  transcript_format: string | null;
  transcript: string | null;
  turn_count: number;
  /** How many transcript turns are in the timeline (a re-upload continues from here). */
  stored_turns: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ChatTables {
  chat_widget_settings: ChatWidgetSettingsTable;
  chat_sessions: ChatSessionsTable;
  call_logs: CallLogsTable;
}
