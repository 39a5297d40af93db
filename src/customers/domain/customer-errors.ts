import { defineErrors } from '../../platform/errors.ts';

export const customerError = defineErrors({
  'customer-not-found': 'not-found',
  'order-not-found': 'not-found',
  'contact-taken': 'conflict',
  'external-id-taken': 'conflict',
  'order-reference-taken': 'conflict',
  'csv-unreadable': 'validation',
  'csv-too-many-rows': 'validation',
});
