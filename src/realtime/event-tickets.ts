import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, isRole } from '../auth/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/schema.ts';

/** Long enough to open a socket right after asking, short enough that a leaked URL is worthless. */
export const eventTicketTtlSeconds = 30;

export interface EventTicketDeps {
  db: Kysely<Database>;
  clock: Clock;
}

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

/** Issues a single-use ticket for the events socket; only its hash is stored. */
export async function issueEventTicket(
  deps: EventTicketDeps,
  actor: Actor,
): Promise<{ ticket: string; expiresAt: string; expiresInSeconds: number }> {
  const now = deps.clock.now();
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + eventTicketTtlSeconds * 1000).toISOString();
  // Expired tickets are never redeemable; sweeping them here keeps the table at a few rows.
  await deps.db.deleteFrom('event_tickets').where('expires_at', '<=', now.toISOString()).execute();
  await deps.db
    .insertInto('event_tickets')
    .values({
      ticket_hash: hashTicket(ticket),
      user_id: actor.userId,
      user_name: actor.userName,
      role: actor.role,
      actor_kind: actor.kind,
      session_id: actor.sessionId,
      token_id: actor.tokenId,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    })
    .execute();
  return { ticket, expiresAt, expiresInSeconds: eventTicketTtlSeconds };
}

/**
 * Redeems a ticket at most once, on any node: the delete is the claim, so two sockets racing
 * with one ticket get one actor between them. Unknown, used and expired tickets give null.
 */
export async function redeemEventTicket(deps: EventTicketDeps, ticket: string): Promise<Actor | null> {
  if (ticket.length === 0 || ticket.length > 200) return null;
  const row = await deps.db
    .deleteFrom('event_tickets')
    .where('ticket_hash', '=', hashTicket(ticket))
    .returningAll()
    .executeTakeFirst();
  if (!row || row.expires_at <= deps.clock.now().toISOString() || !isRole(row.role)) return null;
  const user = await deps.db.selectFrom('users').select(['deactivated_at']).where('id', '=', row.user_id).executeTakeFirst();
  // Deactivated in the seconds since the ticket was issued: as if the ticket had never been.
  if (!user || user.deactivated_at !== null) return null;
  return {
    kind: row.actor_kind === 'token' ? 'token' : 'session',
    userId: row.user_id,
    userName: row.user_name,
    role: row.role,
    sessionId: row.session_id,
    tokenId: row.token_id,
    csrfToken: null,
  };
}
