import { z } from 'zod';

// The playbook's and coach's inner structures (ticks, suggestions, findings, guidance) are computed
// by pure modules and documented in docs/API.md; they pass through whole.
const anyList = z.array(z.any()).readonly();

export const playbookStateResponse = z
  .object({
    step: z.string(),
    ticks: anyList,
    stepHistory: anyList,
    suggestions: anyList,
    dismissed: anyList,
    accepted: anyList,
    lastSignals: z.any(),
    agentReplyCount: z.number(),
    heatAtLastReply: z.number().nullable(),
    awaitingCustomer: z.boolean(),
    deEscalationCredits: z.number(),
    resolved: z.boolean(),
    nextSuggestionNumber: z.number(),
  })
  .meta({ id: 'PlaybookState' });

export const assistResponse = z.object({
  playbook: playbookStateResponse,
  steps: anyList,
  guidance: z.any(),
  scripts: z
    .array(
      z.object({
        key: z.string(),
        version: z.number().int(),
        title: z.string(),
        language: z.string(),
        step: z.string(),
        text: z.string(),
        missing: z.array(z.string()).readonly(),
        reasons: z.array(z.string()).readonly(),
      }),
    )
    .readonly(),
  regional: z.any().describe('RegionalGuidance for the customer’s country, or null'),
});

export const replyReviewResponse = z.object({
  findings: anyList,
  strengths: anyList,
  practices: z.array(z.string()).readonly(),
  scores: z.any(),
  language: z.string().nullable(),
});
