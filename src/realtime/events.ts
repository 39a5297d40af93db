import type { ConversationSummary, Message } from '../conversations/domain/conversation.ts';
import type { Customer } from '../customers/domain/customer.ts';

/** Every event that reaches agents' screens. Published only after the change has committed. */
export type DefuseEvent =
  | { type: 'message.created'; conversationId: string; message: Message; conversation: ConversationSummary; refetch?: boolean }
  | { type: 'conversation.created'; conversationId: string; conversation: ConversationSummary }
  | { type: 'conversation.updated'; conversationId: string; conversation: ConversationSummary }
  | { type: 'customer.updated'; customerId: string; customer: Customer }
  /** A customer message crossed into abuse: managers are alerted live. */
  | { type: 'abuse.detected'; conversationId: string; messageId: string; conversation: ConversationSummary; kinds: string[] }
  /** Closes the user's open sockets on every node: deactivation takes effect at once. */
  | { type: 'user.deactivated'; userId: string }
  /** The user's role changed: every node forgets the API tokens they created that it remembers. */
  | { type: 'user.access-changed'; userId: string }
  /**
   * Sessions were ended (signed out elsewhere, password changed or reset): every node closes their
   * sockets. `sessionId` names one session; without it, all of the user's sessions but `except`.
   */
  | { type: 'sessions.ended'; userId: string; sessionId?: string; except?: string | null }
  /** Makes every node forget a revoked API token it may have remembered. */
  | { type: 'token.revoked'; tokenId: string }
  /** Chat: the customer (in the widget) or an agent is typing in a conversation. Never stored. */
  | { type: 'chat.typing'; conversationId: string; by: 'customer' | 'agent'; typing: boolean; name: string | null }
  /** Chat: the customer (in the widget) or an agent has read the conversation up to a message. */
  | { type: 'chat.read'; conversationId: string; by: 'customer' | 'agent'; messageId: string; at: string };

/** Large events cross nodes as a marker; screens re-fetch what they need. */
export function shrinkEvent(event: DefuseEvent): DefuseEvent {
  if (event.type === 'message.created') {
    return { ...event, message: { ...event.message, body: event.message.body.slice(0, 2000) }, refetch: true };
  }
  if (event.type === 'customer.updated') {
    return { ...event, customer: { ...event.customer, notes: event.customer.notes.slice(0, 2000) } };
  }
  return event;
}
