import { defineErrors } from '../../platform/errors.ts';

export const conversationError = defineErrors({
  'conversation-not-found': 'not-found',
  'assignee-not-found': 'validation',
  'sender-unidentified': 'validation',
  'message-not-found': 'not-found',
  'message-not-analysed': 'validation',
});
