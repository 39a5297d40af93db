/** Privacy tables (owned by src/privacy) and widget verification codes (owned by src/channels/chat). */

/** privacy: a proposal to erase one customer, decided by a different manager or admin */
export interface ErasureRequestsTable {
  id: string;
  customer_id: string;
  reason: string;
  /** pending | approved | rejected */
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** privacy: one row ('default'); retention_months null means retention is off */
export interface PrivacySettingsTable {
  id: string;
  retention_months: number | null;
  updated_by: string | null;
  updated_at: string;
}

/** privacy: conversations whose personal content has been anonymised (erasure or retention) */
export interface AnonymisedConversationsTable {
  conversation_id: string;
  /** erasure | retention */
  reason: string;
  at: string;
}

/** chat: a one-time code e-mailed to a widget visitor; only its hash is stored */
export interface ChatVerificationCodesTable {
  id: string;
  session_id: string;
  code_hash: string;
  attempts: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface PrivacyTables {
  erasure_requests: ErasureRequestsTable;
  privacy_settings: PrivacySettingsTable;
  anonymised_conversations: AnonymisedConversationsTable;
  chat_verification_codes: ChatVerificationCodesTable;
}
