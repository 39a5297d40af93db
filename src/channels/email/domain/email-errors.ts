import { defineErrors } from '../../../platform/errors.ts';

export const emailError = defineErrors({
  'attachment-not-found': 'not-found',
  'email-message-not-found': 'not-found',
  'email-settings-invalid': 'validation',
  'channel-secret-key-missing': 'validation',
  'conversation-not-found': 'not-found',
});

/** Why a received mail was refused as a whole (SMTP answers 550/554; IMAP marks it seen and logs). */
export type MailRejectionCode = 'unparseable' | 'no-sender' | 'too-large';

export interface MailRejection {
  code: MailRejectionCode;
  reason: string;
}

/** A mail we will never accept however often it is sent (a permanent SMTP failure). */
export class MailRejectedError extends Error {
  constructor(readonly rejection: MailRejection) {
    super(rejection.reason);
    this.name = 'MailRejectedError';
  }
}
