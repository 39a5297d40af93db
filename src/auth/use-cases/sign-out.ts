import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../domain/roles.ts';
import type { AuthDeps } from './auth-deps.ts';

export async function signOut(deps: AuthDeps, actor: Actor, ip: string | null): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await deps.db.transaction().execute(async (transaction) => {
    await transaction.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await recordAudit(transaction, {
      at: deps.clock.now().toISOString(),
      actorUserId: actor.userId,
      action: 'auth.signed-out',
      subjectType: 'user',
      subjectId: actor.userId,
      ip,
    });
  });
  await deps.events.publish({ type: 'sessions.ended', userId: actor.userId, sessionId });
}
