import type { Role } from '../auth/index.ts';
import type { DefuseEvent } from './events.ts';

/** A screen that listens: a staff member's app, or (with the chat widget) one customer's conversation. */
export type Viewer =
  | { kind: 'staff'; userId: string; role: Role }
  | { kind: 'customer'; customerId: string; conversationId: string };

/**
 * Who may see an event. Every staff role works the shared inbox, so staff see conversation and
 * customer events, internal notes included. A customer sees only the replies and their own
 * messages in their own conversation: never notes, system events, other cases or CRM data.
 * Abuse alerts go to managers and admins. Deactivation and revocation notices are control
 * messages for the socket and token layers, shown to nobody.
 */
export function mayReceive(viewer: Viewer, event: DefuseEvent): boolean {
  if (
    event.type === 'user.deactivated' ||
    event.type === 'user.access-changed' ||
    event.type === 'sessions.ended' ||
    event.type === 'token.revoked'
  ) {
    return false;
  }
  // Managers step in when a customer turns abusive; the agent sees the banner in the conversation.
  if (event.type === 'abuse.detected') return viewer.kind === 'staff' && (viewer.role === 'manager' || viewer.role === 'admin');
  if (viewer.kind === 'staff') return true;
  return (
    event.type === 'message.created' &&
    event.conversationId === viewer.conversationId &&
    (event.message.kind === 'customer' || event.message.kind === 'agent')
  );
}

/** What a customer's screen may receive of an event: no CRM or assignee details. */
export function viewForCustomer(event: Extract<DefuseEvent, { type: 'message.created' }>) {
  const { id, kind, body, createdAt, conversationId } = event.message;
  return { type: event.type, conversationId, message: { id, kind, body, createdAt } };
}
