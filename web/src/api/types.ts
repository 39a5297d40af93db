export type Role = 'agent' | 'manager' | 'qa' | 'admin';
export const roles: Role[] = ['agent', 'manager', 'qa', 'admin'];

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  approvalLimit: Money;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type CustomerTier = 'standard' | 'gold' | 'vip';
export const customerTiers: CustomerTier[] = ['standard', 'gold', 'vip'];
export type CustomerStatus = 'active' | 'watch' | 'ended';
export const customerStatuses: CustomerStatus[] = ['active', 'watch', 'ended'];

export interface Customer {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  externalId: string | null;
  country: string;
  region: string | null;
  language: string;
  currency: string;
  timeZone: string;
  tier: CustomerTier;
  lifetimeValue: Money;
  tags: string[];
  notes: string;
  status: CustomerStatus;
  createdAt: string;
  updatedAt: string;
}

export type OrderStatus = 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded' | 'disputed';

export interface Order {
  id: string;
  customerId: string;
  reference: string;
  amount: Money;
  status: OrderStatus;
  description: string;
  orderedAt: string;
  shippedAt: string | null;
  deliveredAt: string | null;
  updatedAt: string;
}

export type Channel = 'email' | 'chat' | 'phone' | 'video' | 'social' | 'api';
export const channels: Channel[] = ['email', 'chat', 'phone', 'video', 'social', 'api'];
export type ConversationStatus = 'open' | 'pending' | 'escalated' | 'resolved' | 'closed';
export const conversationStatuses: ConversationStatus[] = ['open', 'pending', 'escalated', 'resolved', 'closed'];
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];

export interface ConversationSummary {
  id: string;
  number: number;
  customer: { id: string; name: string; tier: CustomerTier; country: string; status: CustomerStatus };
  channel: Channel;
  subject: string;
  status: ConversationStatus;
  priority: Priority;
  assignee: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string;
  waitingSince: string | null;
  messageCount: number;
  lastMessagePreview: string;
}

export type MessageKind = 'customer' | 'agent' | 'note' | 'system';

export interface Message {
  id: string;
  conversationId: string;
  kind: MessageKind;
  author: { id: string; name: string } | null;
  body: string;
  channel: Channel;
  externalId: string | null;
  createdAt: string;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: Message[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ImportReport {
  imported: number;
  updated: number;
  rejected: { row: number; reason: string }[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
  ip: string | null;
}

export type ServerEvent =
  | {
      type: 'message.created';
      conversationId: string;
      message: Message;
      conversation: ConversationSummary;
      refetch?: boolean;
    }
  | { type: 'conversation.updated'; conversationId: string; conversation: ConversationSummary }
  | { type: 'conversation.created'; conversationId: string; conversation: ConversationSummary }
  | { type: 'customer.updated'; customerId: string; customer: Customer }
  | { type: 'pong' };
