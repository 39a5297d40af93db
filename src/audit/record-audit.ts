import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';
import { type AuditChanges, type DiffOptions, diffRecords, hasChanges } from './diff.ts';

export type AuditAction =
  | 'auth.signed-in'
  | 'auth.sign-in-failed'
  | 'auth.signed-out'
  | 'user.created'
  | 'user.role-changed'
  | 'user.approval-limit-changed'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'token.created'
  | 'token.revoked'
  | 'customer.created'
  | 'customer.updated'
  | 'customer.status-changed'
  | 'customer.imported'
  | 'order.created'
  | 'order.updated'
  | 'order.imported'
  | 'conversation.status-changed'
  | 'conversation.assigned'
  | 'conversation.updated'
  | 'analysis.corrected'
  | 'script.created'
  | 'script.revised'
  | 'script.retired'
  | 'script.restored'
  | 'guidance.updated'
  | 'email-settings.updated'
  | 'widget-settings.updated'
  | 'job.retried'
  | 'call.logged'
  | 'call.updated'
  // Other capabilities (auth, privacy) may add their own: the log stores any action name.
  | (string & {});

/** Who made a change: the user, the API token they used (if any) and where from. */
export interface AuditAuthor {
  userId: string | null;
  tokenId?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  at: string;
  actorUserId: string | null;
  actorTokenId?: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
  /** Before/after per field (see diffRecords); secrets are masked before they get here. */
  changes?: AuditChanges;
  ip?: string | null;
}

/** The author of a request's change, from what the auth guard set (null user for public routes). */
export function auditAuthorOf(request: FastifyRequest): AuditAuthor {
  const actor = (request as { actor?: { userId: string; tokenId: string | null } | null }).actor;
  return { userId: actor?.userId ?? null, tokenId: actor?.tokenId ?? null, ip: request.ip };
}

/** Writes one audit row; call it inside the transaction that makes the change it records. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const details = entry.changes ? { ...(entry.details ?? {}), changes: entry.changes } : (entry.details ?? {});
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: entry.at,
      actor_user_id: entry.actorUserId,
      actor_token_id: entry.actorTokenId ?? null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(details),
      ip: entry.ip ?? null,
    })
    .execute();
}

export interface ChangeRecord {
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  /** The record as it was (null: created) and as it is now (null: deleted). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  diff?: DiffOptions;
  details?: Record<string, unknown>;
}

/**
 * Audits a change as before/after values of the fields it touched; a save that changed nothing
 * records nothing. Returns whether a row was written. Call inside the change's transaction.
 */
export async function recordChange(
  db: Kysely<Database>,
  author: AuditAuthor,
  at: string,
  change: ChangeRecord,
): Promise<boolean> {
  const changes = diffRecords(change.before, change.after, change.diff);
  if (!hasChanges(changes)) return false;
  await recordAudit(db, {
    at,
    actorUserId: author.userId,
    actorTokenId: author.tokenId ?? null,
    action: change.action,
    subjectType: change.subjectType,
    subjectId: change.subjectId,
    changes,
    ...(change.details ? { details: change.details } : {}),
    ip: author.ip ?? null,
  });
  return true;
}
