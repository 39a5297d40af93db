import type { Kysely } from 'kysely';
import { parseJsonColumn } from '../platform/db/database.ts';
import type { Database } from '../platform/db/schema.ts';
import type { AuditChanges } from './diff.ts';
import { resolveSubjectLabels } from './subject-labels.ts';

export interface AuditItem {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  /** Set when the change was made with an API token (the actor is the token's owner). */
  tokenId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** A readable name for the subject (customer name, user name, case number…), resolved now. */
  subjectLabel: string | null;
  /** Before/after per field, for changes; empty for events (sign-ins, imports). */
  changes: AuditChanges;
  details: Record<string, unknown>;
  ip: string | null;
}

export interface ListAuditInput {
  action?: string | undefined;
  actorId?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** ISO instants; `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Newest first; the cursor is the last id seen (ids are time-ordered UUIDv7, so paging is keyset). */
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
      'audit_log.actor_token_id',
      'users.name as actor_name',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.details',
      'audit_log.ip',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(input.limit + 1);
  if (input.action) {
    // `customer.*` selects every customer action.
    query = input.action.endsWith('.*')
      ? query.where('audit_log.action', 'like', `${input.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`)
      : query.where('audit_log.action', '=', input.action);
  }
  if (input.actorId) query = query.where('audit_log.actor_user_id', '=', input.actorId);
  if (input.subjectType) query = query.where('audit_log.subject_type', '=', input.subjectType);
  if (input.subjectId) query = query.where('audit_log.subject_id', '=', input.subjectId);
  if (input.from) query = query.where('audit_log.at', '>=', new Date(input.from).toISOString());
  if (input.to) query = query.where('audit_log.at', '<', new Date(input.to).toISOString());
  if (input.cursor) query = query.where('audit_log.id', '<', input.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const labels = await resolveSubjectLabels(
    db,
    page.map((row) => ({ type: row.subject_type, id: row.subject_id })),
  );
  return {
    items: page.map((row) => {
      const { changes, ...details } = parseJsonColumn<Record<string, unknown>>(row.details, {});
      return {
        id: row.id,
        at: row.at,
        actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? 'Deleted user' } : null,
        tokenId: row.actor_token_id,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        subjectLabel: row.subject_id ? (labels.get(`${row.subject_type}:${row.subject_id}`) ?? null) : null,
        changes: (changes && typeof changes === 'object' ? changes : {}) as AuditChanges,
        details,
        ip: row.ip,
      };
    }),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
