import type { Kysely } from 'kysely';
import { parseJsonColumn } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';

export interface AuditItem {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export interface ListAuditInput {
  action?: string | undefined;
  subjectId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Newest first; the cursor is the last id seen (ids are time-ordered UUIDv7). */
export async function listAudit(
  db: Kysely<Database>,
  input: ListAuditInput,
): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_user_id',
      'users.name as actor_name',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.details',
      'audit_log.ip',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(input.limit + 1);
  if (input.action) query = query.where('audit_log.action', '=', input.action);
  if (input.subjectId) query = query.where('audit_log.subject_id', '=', input.subjectId);
  if (input.cursor) query = query.where('audit_log.id', '<', input.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? 'Deleted user' } : null,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      details: parseJsonColumn<Record<string, unknown>>(row.details, {}),
      ip: row.ip,
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
