import { defineErrors } from '../../../platform/errors.ts';

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

export interface CallLog {
  id: string;
  conversationId: string;
  kind: (typeof callKinds)[number];
  direction: (typeof callDirections)[number];
  startedAt: string;
  durationSeconds: number;
  outcome: (typeof callOutcomes)[number];
  notes: string;
  transcriptFormat: string | null;
  turnCount: number;
  storedTurns: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const callError = defineErrors({
  'transcript-invalid': 'validation',
  'call-belongs-elsewhere': 'conflict',
  'customer-unreachable': 'conflict',
});
