import { z } from 'zod';
import { instant, pageOf, personRef } from '../../platform/http/schemas.ts';
import { channels, conversationStatuses, messageKinds, priorities } from '../domain/conversation.ts';
import { conversationFlags } from '../domain/heat-reading.ts';

export const conversationSummaryResponse = z
  .object({
    id: z.string(),
    number: z.number().int(),
    customer: z.object({ id: z.string(), name: z.string(), tier: z.string(), country: z.string(), status: z.string() }),
    channel: z.enum(channels),
    subject: z.string(),
    status: z.enum(conversationStatuses),
    priority: z.enum(priorities),
    assignee: personRef.nullable(),
    createdAt: instant,
    updatedAt: instant,
    lastMessageAt: instant,
    waitingSince: instant.nullable(),
    messageCount: z.number().int(),
    lastMessagePreview: z.string(),
    heat: z.number(),
    peakHeat: z.number(),
    trend: z.enum(['escalating', 'steady', 'cooling']),
    flags: z.array(z.enum(conversationFlags)),
    language: z.string().nullable(),
    category: z.string().nullable(),
  })
  .meta({ id: 'ConversationSummary' });

// The analysis and the coach's review are computed structures owned by analysis/ and coach/ and
// described in src/analysis/README.md; they are passed through whole.
const analysis = z.any().describe('MessageAnalysis (src/analysis/README.md); customer messages only, else null');
const coachReview = z.any().describe("The coach's review stored with an agent reply; null otherwise");

export const messageResponse = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    kind: z.enum(messageKinds),
    author: personRef.nullable(),
    body: z.string(),
    channel: z.enum(channels),
    externalId: z.string().nullable(),
    createdAt: instant,
    analysis,
    coach: coachReview,
  })
  .meta({ id: 'Message' });

export const conversationPage = pageOf(conversationSummaryResponse);

export const conversationDetail = z.object({
  conversation: conversationSummaryResponse,
  messages: z.array(messageResponse),
  hasEarlier: z.boolean(),
  reading: z.any().describe('The conversation reading over the loaded messages (src/analysis/README.md)'),
});

export const correctionCreated = z.object({ id: z.string() });

export const correctionPage = pageOf(
  z.object({
    id: z.string(),
    messageId: z.string(),
    conversationId: z.string(),
    signal: z.string(),
    verdict: z.enum(['wrong', 'missed']),
    note: z.string(),
    analysisVersion: z.string(),
    user: personRef,
    createdAt: instant,
    text: z.string(),
  }),
);

export const ingestResponse = z.object({
  message: messageResponse,
  conversation: conversationSummaryResponse,
  duplicate: z.boolean(),
  customerCreated: z.boolean(),
  conversationCreated: z.boolean(),
});
