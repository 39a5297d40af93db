export const channels = ['email', 'chat', 'phone', 'video', 'social', 'api'] as const;
export type Channel = (typeof channels)[number];
export const conversationStatuses = ['open', 'pending', 'escalated', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];
export const messageKinds = ['customer', 'agent', 'note', 'system'] as const;
export type MessageKind = (typeof messageKinds)[number];

/** Statuses in which a new customer message joins the conversation instead of opening a new case. */
export const activeStatuses: readonly ConversationStatus[] = ['open', 'pending', 'escalated'];

import type { MessageAnalysis, Trend } from '../../analysis/index.ts';
import type { ConversationFlag } from './heat-reading.ts';

export interface ConversationSummary {
  id: string;
  number: number;
  customer: { id: string; name: string; tier: string; country: string; status: string };
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
  analysis: MessageAnalysis | null;
  /** Agent replies only: what the reply coach said at send time and what the agent kept anyway. */
  coach: SentReplyReview | null;
}

/** The coach's verdict on a sent reply, stored with it (the coach itself lives in coach/). */
export interface SentReplyReview {
  practices: string[];
  findings: Array<{ kind: string; text: string; message: string }>;
  scores: Record<string, number>;
  /** Findings still in the reply when the agent sent it anyway: the coach advises, the agent decides. */
  overrides: string[];
  insertedTemplate: { key: string; unchanged: boolean } | null;
}

const previewLength = 160;

/** The line an inbox row shows: whitespace collapsed, cut at a word near 160 characters. */
export function previewOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= previewLength) return flat;
  const cut = flat.slice(0, previewLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > previewLength * 0.6 ? lastSpace : previewLength)}…`;
}

/** A subject for a new case when the channel gives none (chat, phone, social). */
export function subjectFor(subject: string | undefined, body: string): string {
  const given = subject?.replace(/\s+/g, ' ').trim();
  if (given) return given.slice(0, 300);
  const firstLine =
    body
      .split('\n')
      .find((line) => line.trim().length > 0)
      ?.trim() ?? '';
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}…` : firstLine || '(no subject)';
}
