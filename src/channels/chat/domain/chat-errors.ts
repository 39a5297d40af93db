import { defineErrors } from '../../../platform/errors.ts';

/** The chat channel's error codes: public API, used both as problem types and as socket error frames. */
export const chatErrorCategories = {
  'token-malformed': 'unauthenticated',
  'token-forged': 'unauthenticated',
  'token-expired': 'unauthenticated',
  'token-replayed': 'unauthenticated',
  'token-wrong-purpose': 'unauthenticated',
  'identity-not-configured': 'validation',
  'identity-required': 'validation',
  'session-not-found': 'unauthenticated',
  'origin-not-allowed': 'forbidden',
  'malformed-frame': 'validation',
  'invalid-frame': 'validation',
  'frame-too-large': 'payload-too-large',
  'rate-limited': 'rate-limited',
  'message-not-found': 'not-found',
  'conversation-closed': 'conflict',
  'already-verified': 'conflict',
  'verification-unavailable': 'conflict',
  'verification-code-invalid': 'validation',
  'verification-code-expired': 'validation',
  'internal-error': 'internal',
} as const;

export type ChatErrorCode = keyof typeof chatErrorCategories;
export const chatError = defineErrors<ChatErrorCode>(chatErrorCategories);
