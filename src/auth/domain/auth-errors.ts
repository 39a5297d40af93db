import { defineErrors } from '../../platform/errors.ts';

export const authError = defineErrors({
  'credentials-invalid': 'unauthenticated',
  'session-expired': 'unauthenticated',
  'token-invalid': 'unauthenticated',
  'user-not-found': 'not-found',
  'token-not-found': 'not-found',
  'email-taken': 'conflict',
  'password-too-weak': 'validation',
  'last-admin': 'conflict',
});
