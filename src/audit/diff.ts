/** Before/after values of every field a change touched, keyed by field path (`imap.host`). */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

export interface DiffOptions {
  /** Field paths holding secrets: compared, but only ever shown as "set" / "not set" / "changed". */
  secrets?: readonly string[];
  /** Field paths never compared (timestamps, ids). */
  ignore?: readonly string[];
}

export const secretSet = 'set';
export const secretNotSet = 'not set';
export const secretReplaced = 'set (new value)';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
  );
}

/** Money stays one value ("EUR 12.00 → EUR 15.00"), not two fields. */
function isLeafObject(value: Record<string, unknown>): boolean {
  return 'amountMinor' in value && 'currency' in value;
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/**
 * Pure: what changed between two views of a record. `before` null means created, `after` null
 * means deleted. Nested plain objects are compared field by field; arrays and money as whole values.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  options: DiffOptions = {},
): AuditChanges {
  const secrets = new Set(options.secrets ?? []);
  const ignore = new Set(options.ignore ?? []);
  const changes: AuditChanges = {};
  const visit = (left: unknown, right: unknown, path: string) => {
    if (ignore.has(path)) return;
    if (secrets.has(path)) {
      if (same(left, right)) return;
      changes[path] = {
        from: present(left) ? secretSet : secretNotSet,
        to: present(right) ? (present(left) ? secretReplaced : secretSet) : secretNotSet,
      };
      return;
    }
    const leftObject = isPlainObject(left) && !isLeafObject(left);
    const rightObject = isPlainObject(right) && !isLeafObject(right);
    if (leftObject || rightObject) {
      const leftRecord = leftObject ? left : {};
      const rightRecord = rightObject ? right : {};
      for (const key of new Set([...Object.keys(leftRecord), ...Object.keys(rightRecord)])) {
        visit(leftRecord[key], rightRecord[key], path ? `${path}.${key}` : key);
      }
      return;
    }
    if (!same(left, right)) changes[path] = { from: left ?? null, to: right ?? null };
  };
  visit(before ?? {}, after ?? {}, '');
  return changes;
}

export function hasChanges(changes: AuditChanges): boolean {
  return Object.keys(changes).length > 0;
}
