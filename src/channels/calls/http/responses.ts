import { z } from 'zod';
import { instant } from '../../../platform/http/schemas.ts';
import { callDirections, callKinds, callOutcomes } from '../domain/call.ts';

export const callLogResponse = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    kind: z.enum(callKinds),
    direction: z.enum(callDirections),
    startedAt: instant,
    durationSeconds: z.number().int(),
    outcome: z.enum(callOutcomes),
    notes: z.string(),
    transcriptFormat: z.string().nullable(),
    turnCount: z.number().int(),
    storedTurns: z.number().int(),
    createdBy: z.string(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'CallLog' });

export const loggedCallResponse = z.object({
  call: callLogResponse,
  entries: z.array(
    z.object({
      turn: z.number().int(),
      role: z.enum(['agent', 'customer']),
      speaker: z.string().nullable(),
      messageId: z.string().nullable(),
    }),
  ),
});

export const callListResponse = z.object({ calls: z.array(callLogResponse) });
