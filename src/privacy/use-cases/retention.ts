import { type AuditAction, recordAudit, recordChange } from '../../audit/index.ts';
import { enqueueJob, type JobHandler } from '../../platform/jobs/index.ts';
import { anonymiseConversations } from '../db/anonymise-rows.ts';
import { retentionCutoff } from '../domain/anonymise.ts';
import type { PrivacyActor, PrivacyDeps } from './privacy-deps.ts';

export const retentionJobType = 'privacy.retention';
const settingsId = 'default';
const dayMs = 24 * 60 * 60_000;
const batchSize = 100;

export interface PrivacySettings {
  /** Anonymise conversations closed longer than this many months; null: never (the default). */
  retentionMonths: number | null;
  updatedAt: string | null;
}

export async function getPrivacySettings(deps: Pick<PrivacyDeps, 'db'>): Promise<PrivacySettings> {
  const row = await deps.db.selectFrom('privacy_settings').selectAll().where('id', '=', settingsId).executeTakeFirst();
  return {
    retentionMonths: row?.retention_months === null || row?.retention_months === undefined ? null : Number(row.retention_months),
    updatedAt: row?.updated_at ?? null,
  };
}

export async function savePrivacySettings(
  deps: PrivacyDeps,
  actor: PrivacyActor,
  settings: { retentionMonths: number | null },
): Promise<PrivacySettings> {
  const now = deps.clock.now().toISOString();
  const before = await getPrivacySettings(deps);
  await deps.db.transaction().execute(async (transaction) => {
    // Race-safe upsert: two admins saving at once both succeed, the later one wins.
    await transaction
      .insertInto('privacy_settings')
      .values({ id: settingsId, retention_months: settings.retentionMonths, updated_by: actor.userId, updated_at: now })
      .onConflict((conflict) =>
        conflict
          .column('id')
          .doUpdateSet({ retention_months: settings.retentionMonths, updated_by: actor.userId, updated_at: now }),
      )
      .execute();
    // Before/after in the audit trail's own change format; an unchanged save records nothing.
    await recordChange(transaction, actor, now, {
      action: 'privacy-settings.updated',
      subjectType: 'privacy-settings',
      subjectId: settingsId,
      before: { retentionMonths: before.retentionMonths },
      after: { retentionMonths: settings.retentionMonths },
    });
  });
  return getPrivacySettings(deps);
}

/**
 * One retention pass: anonymises conversations resolved or closed (and untouched) for longer than
 * the setting, in batches, each batch one transaction with its own audit entry (a system action:
 * no user). Returns how many were anonymised; nothing when retention is off.
 */
export async function applyRetention(deps: PrivacyDeps): Promise<number> {
  const { retentionMonths } = await getPrivacySettings(deps);
  if (retentionMonths === null) return 0;
  const now = deps.clock.now();
  const cutoff = retentionCutoff(now, retentionMonths).toISOString();
  let total = 0;
  for (;;) {
    const due = await deps.db
      .selectFrom('conversations')
      .leftJoin('anonymised_conversations', 'anonymised_conversations.conversation_id', 'conversations.id')
      .select('conversations.id')
      .where('conversations.status', 'in', ['resolved', 'closed'])
      .where('conversations.updated_at', '<', cutoff)
      .where('anonymised_conversations.conversation_id', 'is', null)
      .orderBy('conversations.updated_at')
      .limit(batchSize)
      .execute();
    if (due.length === 0) return total;
    const ids = due.map((row) => row.id);
    const at = now.toISOString();
    const changed = await deps.db.transaction().execute(async (transaction) => {
      const count = await anonymiseConversations(transaction, ids, 'retention', at);
      await recordAudit(transaction, {
        at,
        actorUserId: null,
        action: 'privacy.retention-applied' as string as AuditAction,
        subjectType: 'privacy-settings',
        subjectId: settingsId,
        details: { system: true, retentionMonths, cutoff, conversations: count, conversationIds: ids },
      });
      return count;
    });
    total += changed;
    if (due.length < batchSize) return total;
  }
}

function dayKey(date: Date): string {
  return `${retentionJobType}:${date.toISOString().slice(0, 10)}`;
}

/** Queues today's retention run (once per day however many nodes start): what start-up calls. */
export async function scheduleRetention(deps: Pick<PrivacyDeps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now();
  await enqueueJob(deps.db, deps.clock, {
    type: retentionJobType,
    payload: {},
    dedupeKey: dayKey(now),
    runAt: now.toISOString(),
  });
}

/** The durable daily job: runs a pass, then queues tomorrow's (deduplicated by date). */
export function retentionJob(deps: PrivacyDeps): JobHandler {
  return {
    type: retentionJobType,
    retryBaseMs: 60_000,
    retryCapMs: 60 * 60_000,
    run: async () => {
      await applyRetention(deps);
      const next = new Date(deps.clock.now().getTime() + dayMs);
      await enqueueJob(deps.db, deps.clock, {
        type: retentionJobType,
        payload: {},
        dedupeKey: dayKey(next),
        runAt: next.toISOString(),
      });
    },
  };
}
