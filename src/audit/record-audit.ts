import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { newId } from '../platform/ids.ts';

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
  | 'customer.status-changed'
  | 'customer.imported'
  | 'order.imported';

export interface AuditEntry {
  at: string;
  actorUserId: string | null;
  actorTokenId?: string | null;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes one audit row; call it inside the transaction that makes the change it records. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
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
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
