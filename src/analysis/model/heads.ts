/** Output heads of the in-process model, in weight-file order. Changing this list means retraining. */
export const BINARY_HEADS = [
  'negative',
  'anger',
  'frustration',
  'disappointment',
  'anxiety',
  'satisfaction',
  'offensive',
  'refund',
  /** Account / subscription / contract churn ("close my account"); order cancellation has its own head. */
  'cancellation',
  'order_cancel',
  'complaint',
  'manager_request',
] as const;

export type BinaryHead = (typeof BINARY_HEADS)[number];

export const CATEGORY_NAMES = [
  'billing',
  'delivery',
  'product_defect',
  'account_access',
  'service_quality',
  'technical',
  'other',
] as const;

export type CategoryName = (typeof CATEGORY_NAMES)[number];

export const HEAD_COUNT = BINARY_HEADS.length + CATEGORY_NAMES.length;
export const CATEGORY_OFFSET = BINARY_HEADS.length;
export const HASH_BITS = 17;
export const BUCKETS = 1 << HASH_BITS;
