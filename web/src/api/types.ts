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
  /** The customer's current heat (0–100), its peak in this case, and which way it is moving. */
  heat: number;
  peakHeat: number;
  trend: Trend;
  flags: ConversationFlag[];
  language: string | null;
  category: string | null;
}

export type Trend = 'escalating' | 'steady' | 'cooling';
export type ConversationFlag = 'abuse' | 'threat' | 'legal_threat' | 'public_shaming';
export const conversationFlags: ConversationFlag[] = ['abuse', 'threat', 'legal_threat', 'public_shaming'];

export type EmotionName = 'anger' | 'frustration' | 'disappointment' | 'anxiety' | 'satisfaction';
export const emotionNames: EmotionName[] = ['anger', 'frustration', 'disappointment', 'anxiety', 'satisfaction'];
export type AbuseKind = 'profanity' | 'insult' | 'threat' | 'harassment' | 'slur';
export const abuseKinds: AbuseKind[] = ['profanity', 'insult', 'threat', 'harassment', 'slur'];
/** The kinds of abuse that mean the customer crossed a line (profanity alone is frustration). */
export const crossingLineKinds: AbuseKind[] = ['insult', 'threat', 'harassment', 'slur'];
export type IntentName =
  | 'refund'
  | 'compensation'
  | 'cancellation'
  | 'legal_threat'
  | 'public_shaming'
  | 'manager_request'
  | 'repeat_contact';
export const intentNames: IntentName[] = [
  'refund',
  'compensation',
  'cancellation',
  'legal_threat',
  'public_shaming',
  'manager_request',
  'repeat_contact',
];
export type Severity = 'none' | 'low' | 'medium' | 'high';

export interface SignalScore {
  score: number;
  detected: boolean;
}

export interface Evidence {
  /** e.g. 'abuse.insult', 'intents.refund', 'emotions.anger', 'complaint', 'category' */
  signal: string;
  /** UTF-16 offsets into the message body, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface MessageAnalysis {
  version: string;
  heat: number;
  language: { code: string; score: number };
  category: { name: string; score: number };
  complaint: SignalScore;
  emotions: Record<EmotionName, SignalScore>;
  abuse: Record<AbuseKind, SignalScore & { severity: Severity }>;
  intents: Record<IntentName, SignalScore>;
  evidence: Evidence[];
}

/** The conversation-level reading; indexes point into the loaded `messages`. */
export interface ConversationReading {
  version: string;
  trajectory: { index: number; at: string; heat: number }[];
  trend: Trend;
  peak: { index: number; at: string; heat: number } | null;
  currentHeat: number;
  feelsUnheard: { detected: boolean; evidence: { index: number; repeatsIndex: number; similarity: number }[] };
  deEscalation: { credit: number; events: { agentIndex: number; before: number; after: number; drop: number }[] };
  abusive: boolean;
  intents: IntentName[];
}

export type CorrectionVerdict = 'wrong' | 'missed';

export interface AnalysisCorrection {
  id: string;
  messageId: string;
  conversationId: string;
  signal: string;
  verdict: CorrectionVerdict;
  note: string;
  analysisVersion: string;
  user: { id: string; name: string };
  createdAt: string;
  text: string;
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
  /** Customer messages only: what the analysis read in it, and why (evidence spans). */
  analysis?: MessageAnalysis | null;
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: Message[];
  hasEarlier?: boolean;
  /** Absent in pages of earlier messages merged into the cache. */
  reading?: ConversationReading;
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
  | {
      type: 'abuse.detected';
      conversationId: string;
      messageId: string;
      conversation: ConversationSummary;
      kinds: string[];
    }
  | { type: 'pong' };
