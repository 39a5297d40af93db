/** Realtime tables (owned by src/realtime). */

/** realtime: a single-use, short-lived ticket that opens the staff events socket (SHA-256 of the secret) */
export interface EventTicketsTable {
  ticket_hash: string;
  user_id: string;
  user_name: string;
  role: string;
  /** 'session' or 'token': how the person who asked for the ticket was signed in. */
  actor_kind: string;
  session_id: string | null;
  token_id: string | null;
  expires_at: string;
  created_at: string;
}

export interface RealtimeTables {
  event_tickets: EventTicketsTable;
}
