import type { AuditEntry } from '../api/types';
import { formatMoney } from '../format/money';

/** Readable names for the audit actions; unknown ones (new capabilities) fall back to the code. */
const actionLabels: Record<string, string> = {
  'auth.signed-in': 'Signed in',
  'auth.sign-in-failed': 'Sign-in failed',
  'auth.signed-out': 'Signed out',
  'user.created': 'User invited',
  'user.role-changed': 'Role changed',
  'user.approval-limit-changed': 'Approval limit changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'user.renamed': 'User renamed',
  'user.password-reset': 'Password reset by an admin',
  'user.password-changed': 'Password changed',
  'user.two-factor-enabled': 'Two-factor sign-in turned on',
  'user.two-factor-disabled': 'Two-factor sign-in turned off',
  'user.two-factor-reset': 'Two-factor sign-in removed by an admin',
  'auth.session-ended': 'Session ended',
  'auth.sessions-ended': 'Other sessions ended',
  'auth.settings-changed': 'Sign-in settings changed',
  'customer.created': 'Customer created',
  'customer.updated': 'Customer changed',
  'customer.status-changed': 'Customer status changed',
  'customer.imported': 'Customers imported',
  'order.created': 'Order recorded',
  'order.updated': 'Order changed',
  'order.imported': 'Orders imported',
  'conversation.status-changed': 'Case status changed',
  'conversation.assigned': 'Case assigned',
  'conversation.updated': 'Case changed',
  'analysis.corrected': 'Label corrected',
  'script.created': 'Script written',
  'script.revised': 'Script revised',
  'script.retired': 'Script retired',
  'script.restored': 'Script restored',
  'guidance.updated': 'Regional guidance changed',
  'email-settings.updated': 'E-mail settings changed',
  'widget-settings.updated': 'Chat widget settings changed',
  'job.retried': 'Job retried',
  'call.logged': 'Call logged',
  'call.updated': 'Call log changed',
  'playbook.step-changed-by-hand': 'Playbook step changed',
  'playbook.item-ticked-by-hand': 'Checklist item ticked',
  'playbook.item-unticked-by-hand': 'Checklist item unticked',
  'playbook.suggestion-dismissed': 'Suggestion dismissed',
  'playbook.suggestion-accepted': 'Suggestion accepted',
  'customer.exported': 'Customer data exported',
  'erasure.requested': 'Erasure requested',
  'erasure.approved': 'Erasure approved and carried out',
  'erasure.rejected': 'Erasure rejected',
  'privacy-settings.updated': 'Retention setting changed',
  'privacy.retention-applied': 'Retention applied (system)',
  'chat.visitor-verified': 'Chat visitor verified their e-mail (case attached to the customer)',
};

export const knownAuditActions = Object.keys(actionLabels);

export const auditSubjectTypes = [
  'customer',
  'order',
  'conversation',
  'message',
  'call',
  'script',
  'guidance',
  'settings',
  'user',
  'api-token',
  'auth-settings',
  'privacy-settings',
  'job',
] as const;

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

const fieldLabels: Record<string, string> = {
  lifetimeValue: 'Lifetime value',
  externalId: 'External id',
  timeZone: 'Time zone',
  emails: 'E-mail addresses',
  phones: 'Phone numbers',
  assignee: 'Assignee',
  allowedOrigins: 'Allowed origins',
  supportAddresses: 'Support addresses',
  outboundSmtpUrl: 'Outbound SMTP server',
  'imap.password': 'IMAP password',
  shippedAt: 'Shipped',
  deliveredAt: 'Delivered',
  orderedAt: 'Ordered',
};

/** "imap.host" → "Imap host", "primaryColor" → "Primary color"; known fields get their proper names. */
export function fieldLabel(path: string): string {
  const known = fieldLabels[path];
  if (known) return known;
  const words = path
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isMoney(value: unknown): value is { amountMinor: number; currency: string } {
  const money = value as { amountMinor?: unknown; currency?: unknown } | null;
  return typeof money?.amountMinor === 'number' && typeof money.currency === 'string';
}

/** One value as a person reads it: money formatted, lists joined, empty shown as a dash. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(valueText).join(', ');
  if (isMoney(value)) return formatMoney(value);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${fieldLabel(key)}: ${valueText(item)}`)
      .join('; ');
  }
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export interface ChangeLine {
  field: string;
  from: string;
  to: string;
}

/** Before/after per field, as lines such as "Tier: standard → vip". */
export function changeLines(entry: Pick<AuditEntry, 'changes'>): ChangeLine[] {
  return Object.entries(entry.changes ?? {}).map(([path, change]) => ({
    field: fieldLabel(path),
    from: valueText(change.from),
    to: valueText(change.to),
  }));
}

/** Event details that are not changes (an import's counts, a sign-in's e-mail), as short text. */
export function detailsText(details: Record<string, unknown>): string {
  const entries = Object.entries(details ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return entries.map(([key, value]) => `${fieldLabel(key)}: ${valueText(value)}`).join('; ');
}

export interface AuditFilters {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Dates as yyyy-mm-dd from the date inputs; `to` includes the whole day. */
  from: string;
  to: string;
}

export const emptyAuditFilters: AuditFilters = { actorId: '', action: '', subjectType: '', subjectId: '', from: '', to: '' };

/** The API's query parameters for the screen's filters (dates become instants in the viewer's time zone). */
export function auditQuery(filters: AuditFilters): Record<string, string | undefined> {
  const dayStart = (date: string, plusDays = 0) => {
    const [year, month, day] = date.split('-').map(Number);
    if (!year || !month || !day) return undefined;
    return new Date(year, month - 1, day + plusDays).toISOString();
  };
  return {
    actorId: filters.actorId || undefined,
    action: filters.action || undefined,
    subjectType: filters.subjectType || undefined,
    subjectId: filters.subjectId || undefined,
    from: filters.from ? dayStart(filters.from) : undefined,
    to: filters.to ? dayStart(filters.to, 1) : undefined,
  };
}
