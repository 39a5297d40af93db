import { describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../conversations/index.ts';
import { mayReceive, viewForCustomer } from './audience.ts';
import type { DefuseEvent } from './events.ts';

const conversation = { id: 'c1' } as ConversationSummary;
const messageEvent = (kind: Message['kind'], conversationId = 'c1'): Extract<DefuseEvent, { type: 'message.created' }> => ({
  type: 'message.created',
  conversationId,
  conversation,
  message: {
    id: 'm1',
    conversationId,
    kind,
    author: null,
    body: 'text',
    channel: 'chat',
    externalId: null,
    createdAt: '2026-01-01T00:00:00Z',
    analysis: null,
    coach: null,
  },
});
const staff = { kind: 'staff', userId: 'u1', role: 'agent' } as const;
const customer = { kind: 'customer', customerId: 'k1', conversationId: 'c1' } as const;

describe('who may see an event', () => {
  it('shows staff every conversation event, internal notes included', () => {
    for (const kind of ['customer', 'agent', 'note', 'system'] as const) expect(mayReceive(staff, messageEvent(kind))).toBe(true);
    expect(mayReceive(staff, { type: 'conversation.updated', conversationId: 'c1', conversation })).toBe(true);
  });

  it('never shows a customer an internal note or a system event', () => {
    expect(mayReceive(customer, messageEvent('note'))).toBe(false);
    expect(mayReceive(customer, messageEvent('system'))).toBe(false);
  });

  it('shows a customer the replies and their own messages in their own conversation only', () => {
    expect(mayReceive(customer, messageEvent('agent'))).toBe(true);
    expect(mayReceive(customer, messageEvent('customer'))).toBe(true);
    expect(mayReceive(customer, messageEvent('agent', 'someone-else'))).toBe(false);
    expect(mayReceive(customer, { type: 'conversation.updated', conversationId: 'c1', conversation })).toBe(false);
  });

  it('alerts managers and admins about abuse, not agents or QA', () => {
    const alert: DefuseEvent = { type: 'abuse.detected', conversationId: 'c1', messageId: 'm1', conversation, kinds: ['insult'] };
    expect(mayReceive({ ...staff, role: 'manager' }, alert)).toBe(true);
    expect(mayReceive({ ...staff, role: 'admin' }, alert)).toBe(true);
    expect(mayReceive(staff, alert)).toBe(false);
    expect(mayReceive({ ...staff, role: 'qa' }, alert)).toBe(false);
    expect(mayReceive(customer, alert)).toBe(false);
  });

  it('shows deactivation notices to nobody', () => {
    expect(mayReceive(staff, { type: 'user.deactivated', userId: 'u1' })).toBe(false);
  });

  it('strips staff-only details from what a customer receives', () => {
    const view = viewForCustomer(messageEvent('agent'));
    expect(Object.keys(view.message).sort()).toEqual(['body', 'createdAt', 'id', 'kind']);
    expect(view).not.toHaveProperty('conversation');
  });
});
