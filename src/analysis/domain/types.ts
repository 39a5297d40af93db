import type { CategoryName } from '../model/heads.ts';

export type { CategoryName };

export type Severity = 'none' | 'low' | 'medium' | 'high';

export interface Score {
  /** 0..1 */
  score: number;
  /** score >= 0.5: the threshold the product uses */
  detected: boolean;
}

export interface AbuseScore extends Score {
  severity: Severity;
}

export type EmotionName = 'anger' | 'frustration' | 'disappointment' | 'anxiety' | 'satisfaction';
export type AbuseKind = 'profanity' | 'insult' | 'threat' | 'harassment' | 'slur';
export type IntentName =
  | 'refund'
  | 'compensation'
  | 'cancellation'
  | 'legal_threat'
  | 'public_shaming'
  | 'manager_request'
  | 'repeat_contact';

export interface Evidence {
  /** e.g. 'abuse.insult', 'intents.refund', 'emotions.anger', 'complaint', 'category' */
  signal: string;
  /** UTF-16 offsets into the original text, end exclusive */
  start: number;
  end: number;
  text: string;
}

export interface MessageAnalysis {
  version: string;
  /** 0..100, integer */
  heat: number;
  language: { code: string; score: number };
  category: { name: CategoryName; score: number };
  complaint: Score;
  emotions: Record<EmotionName, Score>;
  abuse: Record<AbuseKind, AbuseScore>;
  intents: Record<IntentName, Score>;
  evidence: Evidence[];
}

export interface MessageContext {
  /** Customer messages in this conversation before this one. */
  previousCustomerMessages?: number;
  /** Customer messages since the last agent reply (this one excluded): > 0 means they are writing again unanswered. */
  unansweredCustomerMessages?: number;
  channel?: 'email' | 'chat' | 'call' | 'api' | 'widget' | string;
  /** The customer's language from their earlier messages or profile: used when the text alone is too short to tell. */
  languageHint?: string;
}

export type ConversationEntryKind = 'customer' | 'agent' | 'note' | 'system';

export interface ConversationEntry {
  kind: ConversationEntryKind;
  text: string;
  analysis?: MessageAnalysis;
  at: string;
}

export type Trend = 'escalating' | 'steady' | 'cooling';

export interface ConversationAnalysis {
  version: string;
  /** One point per customer message, in timeline order. */
  trajectory: Array<{ index: number; at: string; heat: number }>;
  trend: Trend;
  peak: { index: number; at: string; heat: number } | null;
  /** The case's heat now (case rules: see domain/case-heat.ts), not merely the latest message's. */
  currentHeat: number;
  /** The topic of the whole case (the strongest category over its customer messages; 'other' when none). */
  category: { name: CategoryName; score: number };
  feelsUnheard: { detected: boolean; evidence: Array<{ index: number; repeatsIndex: number; similarity: number }> };
  deEscalation: { credit: number; events: Array<{ agentIndex: number; before: number; after: number; drop: number }> };
  abusive: boolean;
  intents: IntentName[];
}
