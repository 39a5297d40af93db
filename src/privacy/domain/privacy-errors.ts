import { defineErrors } from '../../platform/errors.ts';

/** The privacy capability's error codes (public API: they become problem types). */
export const privacyError = defineErrors({
  'customer-not-found': 'not-found',
  'erasure-request-not-found': 'not-found',
  'erasure-already-pending': 'conflict',
  'erasure-already-decided': 'conflict',
  'customer-already-erased': 'conflict',
  'erasure-self-approval': 'forbidden',
});
