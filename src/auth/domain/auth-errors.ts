import { defineErrors } from '../../platform/errors.ts';

export const authError = defineErrors({
  'credentials-invalid': 'unauthenticated',
  'session-expired': 'unauthenticated',
  'token-invalid': 'unauthenticated',
  'two-factor-required': 'unauthenticated',
  'two-factor-code-wrong': 'unauthenticated',
  'two-factor-code-invalid': 'validation',
  'two-factor-enrolment-required': 'forbidden',
  'two-factor-unavailable': 'conflict',
  'two-factor-already-enabled': 'conflict',
  'two-factor-not-enabled': 'conflict',
  'two-factor-required-by-policy': 'conflict',
  'sign-in-locked': 'rate-limited',
  'current-password-wrong': 'validation',
  'user-not-found': 'not-found',
  'token-not-found': 'not-found',
  'session-not-found': 'not-found',
  'email-taken': 'conflict',
  'password-too-weak': 'validation',
  'token-expiry-invalid': 'validation',
  'last-admin': 'conflict',
});
