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
  twoFactorEnabled: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
  /** The role must use a second factor that is not set up yet: only My account works until it is. */
  twoFactorEnrolmentRequired?: boolean;
}

/** One of the signed-in user's own sessions. */
export interface OwnSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuthSettings {
  requireTwoFactorForPrivileged: boolean;
  updatedAt: string | null;
}

export type TokenStatus = 'active' | 'revoked' | 'expired' | 'suspended';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  status: TokenStatus;
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
  /** Agent replies only: what the coach found when it was sent. */
  coach?: SentReplyCoach | null;
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
  /** Set when the change was made with an API token of the actor's. */
  tokenId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** The subject's name as the server resolves it now (customer name, "Case #12", …). */
  subjectLabel: string | null;
  /** Before and after, per field path. */
  changes: Record<string, { from: unknown; to: unknown }>;
  details: Record<string, unknown>;
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
  /** Chat: the customer (in the widget) or an agent is typing. Never stored. */
  | { type: 'chat.typing'; conversationId: string; by: 'customer' | 'agent'; typing: boolean; name: string | null }
  /** Chat: the customer (in the widget) or an agent read the conversation up to a message. */
  | { type: 'chat.read'; conversationId: string; by: 'customer' | 'agent'; messageId: string; at: string }
  | { type: 'pong' };

// --- Playbook, scripts and the reply coach ---------------------------------------------------

export type PlaybookStepId = 'initial_contact' | 'listen' | 'de_escalate' | 'resolve' | 'escalate' | 'follow_up' | 'reflect';

export interface PlaybookActor {
  kind: 'agent' | 'coach' | 'playbook';
  userId?: string;
}

export type SuggestionKind =
  | 'escalate'
  | 'protect-agent'
  | 'take-it-private'
  | 'back-to-listening'
  | 'de-escalation-credited'
  | 'look-for-compromise'
  | 'involve-manager';

export interface PlaybookSuggestion {
  id: string;
  kind: SuggestionKind;
  reason: string;
  raisedAt: string;
}

export interface PlaybookTick {
  itemId: string;
  step: PlaybookStepId;
  by: PlaybookActor;
  at: string;
}

export interface PlaybookStepChange {
  from: PlaybookStepId;
  to: PlaybookStepId;
  by: PlaybookActor;
  at: string;
  reason: string;
}

export interface SuggestionOutcome {
  id: string;
  kind: SuggestionKind;
  by: PlaybookActor;
  at: string;
  step: PlaybookStepId;
  reason?: string;
}

export interface PlaybookState {
  step: PlaybookStepId;
  ticks: PlaybookTick[];
  stepHistory: PlaybookStepChange[];
  suggestions: PlaybookSuggestion[];
  dismissed: SuggestionOutcome[];
  accepted: SuggestionOutcome[];
  agentReplyCount: number;
  resolved: boolean;
}

export interface ChecklistItem {
  id: string;
  label: string;
  autoPractice?: string;
}

export interface PlaybookStep {
  id: PlaybookStepId;
  number: number;
  title: string;
  purpose: string;
  checklist: ChecklistItem[];
}

export interface GuidanceBlock {
  title: string;
  now: string;
  why: string;
  doNext: string[];
  avoid: string[];
}

export interface Guidance extends GuidanceBlock {
  step: PlaybookStepId;
  stepNumber: number;
  openItems: ChecklistItem[];
  situations: (GuidanceBlock & { kind: string })[];
}

export interface ScriptSuggestion {
  key: string;
  version: number;
  title: string;
  language: string;
  step: PlaybookStepId;
  /** Filled for this customer. */
  text: string;
  missing: string[];
  reasons: string[];
}

export interface RegionalGuidance {
  country: string;
  countryName: string;
  locale: string;
  formality: string;
  directness: string;
  preferredChannels: string[];
  businessHours: { timeZone: string; days: string; open: string; close: string; note?: string };
  holidays: { name: string; when: string }[];
  notes: string[];
  edited?: boolean;
}

export interface Assist {
  playbook: PlaybookState;
  steps: PlaybookStep[];
  guidance: Guidance;
  scripts: ScriptSuggestion[];
  regional: RegionalGuidance | null;
}

export type PlaybookAction =
  | { type: 'item-ticked-by-hand'; itemId: string }
  | { type: 'item-unticked-by-hand'; itemId: string }
  | { type: 'step-changed-by-hand'; to: PlaybookStepId; reason?: string }
  | { type: 'suggestion-dismissed'; id: string; reason: string }
  | { type: 'suggestion-accepted'; id: string };

export type CoachSeverity = 'info' | 'warning' | 'problem';

/** Spans are UTF-16 offsets into the draft, `end` exclusive. */
export interface CoachFinding {
  kind: string;
  severity: CoachSeverity;
  start: number;
  end: number;
  text: string;
  message: string;
  suggestion: string;
}

export interface CoachStrength {
  practice: string;
  start: number;
  end: number;
  text: string;
  message: string;
}

export type RubricDimension = 'empathy' | 'ownership' | 'clarity' | 'professionalism' | 'resolution';
export const rubricDimensions: RubricDimension[] = ['empathy', 'ownership', 'clarity', 'professionalism', 'resolution'];

export interface ReplyReview {
  findings: CoachFinding[];
  strengths: CoachStrength[];
  practices: string[];
  scores: Record<RubricDimension, { score: number; reasons: string[] }>;
  language: string | null;
}

export interface InsertedTemplate {
  key: string;
  text: string;
}

/** What the coach stored with a sent reply. */
export interface SentReplyCoach {
  practices: string[];
  findings: { kind: string; text: string; message: string }[];
  scores: Record<string, number>;
  overrides: string[];
  insertedTemplate: { key: string; unchanged: boolean } | null;
}

export interface Script {
  id: string;
  version: number;
  title: string;
  step: PlaybookStepId;
  language: string;
  categories?: string[];
  intents?: string[];
  regions?: string[];
  tiers?: string[];
  body: string;
  createdAt: string;
  createdBy: string | null;
  retiredAt: string | null;
}

export interface ScriptFields {
  title: string;
  step: PlaybookStepId;
  language: string;
  categories: string[];
  intents: string[];
  regions: string[];
  tiers: string[];
  body: string;
}

// --- Channels: e-mail, chat widget, calls and durable jobs --------------------------------------

export type SecretState = 'set' | 'not set';

export interface EmailHealth {
  lastReceivedAt: string | null;
  lastSentAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** The admin view of the e-mail channel: secrets only ever come back as "set" or "not set". */
export interface EmailSettings {
  supportAddresses: string[];
  supportAddressesSource: 'settings' | 'environment';
  fromName: string;
  outboundSmtp: SecretState;
  outboundSmtpSource: 'settings' | 'environment' | null;
  imap: { enabled: boolean; host: string; port: number; secure: boolean; user: string; password: SecretState };
  messageIdDomain: string;
  secretKeyConfigured: boolean;
  inbound: { smtpEnabled: boolean; smtpHost: string; smtpPort: number; maxMessageBytes: number; attachmentMaxBytes: number };
  health: EmailHealth;
}

export interface EmailSettingsPatch {
  supportAddresses?: string[];
  fromName?: string;
  /** null clears the stored URL (the environment's applies again); omitted keeps it. */
  outboundSmtpUrl?: string | null;
  imap?: {
    enabled: boolean;
    host: string;
    port: number;
    secure: boolean;
    user: string;
    /** Omitted keeps the stored password; null clears it. */
    password?: string | null;
  };
}

export type EmailDeliveryStatus = 'received' | 'ignored' | 'queued' | 'sent' | 'failed' | 'bounced';

export interface EmailAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  inline: boolean;
  rejectedReason: string | null;
  downloadUrl: string | null;
}

/** One mail of a conversation, keyed by its timeline message. */
export interface EmailStatusItem {
  messageId: string | null;
  emailId: string;
  direction: 'in' | 'out';
  rfcMessageId: string;
  classification: string | null;
  status: EmailDeliveryStatus;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
  subject: string;
  from: string;
  to: string[];
  hasHtml: boolean;
  attachments: EmailAttachment[];
}

export interface EmailMessage {
  messageId: string;
  conversationId: string;
  direction: 'in' | 'out';
  rfcMessageId: string;
  subject: string;
  from: { address: string; name: string | null };
  status: EmailDeliveryStatus;
  textFull: string;
  quoted: string;
  signature: string;
  html: string | null;
  attachments: EmailAttachment[];
}

export type WidgetPosition = 'right' | 'left';
export const widgetLanguages = ['en', 'de', 'fr', 'es', 'ro'] as const;

export interface WidgetSettingsFields {
  allowedOrigins: string[];
  primaryColor: string;
  textColor: string;
  position: WidgetPosition;
  greeting: Partial<Record<string, string>>;
}

export interface WidgetSettings extends WidgetSettingsFields {
  updatedAt: string;
  /** Origins allowed by the environment (WIDGET_ALLOWED_ORIGINS), on top of the saved ones. */
  configuredOrigins?: string[];
  identityEnabled?: boolean;
  health?: { openSockets: number; lastMessageAt: string | null; lastError: { at: string; message: string } | null };
}

export interface ChatSessionState {
  id: string;
  verification: string;
  email: string | null;
  origin: string;
  language: string | null;
  lastSeenAt: string | null;
  customerReadMessageId: string | null;
  customerReadAt: string | null;
  agentReadMessageId: string | null;
  agentReadAt: string | null;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface Job {
  id: string;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export const callKinds = ['phone', 'video'] as const;
export const callDirections = ['inbound', 'outbound'] as const;
export const callOutcomes = [
  'resolved',
  'follow-up',
  'escalated',
  'callback-scheduled',
  'no-answer',
  'voicemail',
  'other',
] as const;
export type TranscriptFormat = 'txt' | 'vtt' | 'srt';

export interface NewCall {
  kind: (typeof callKinds)[number];
  direction: (typeof callDirections)[number];
  startedAt: string;
  durationSeconds: number;
  outcome: (typeof callOutcomes)[number];
  notes: string;
  transcript?: { text: string; format?: TranscriptFormat; fileName?: string };
}

export interface CallLog extends NewCall {
  id: string;
  conversationId: string;
  transcriptFormat: string | null;
  turnCount: number;
  storedTurns: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface LoggedCall {
  call: CallLog;
  entries: { turn: number; role: 'agent' | 'customer'; speaker: string | null; messageId: string | null }[];
}
