import { recordAudit } from '../../audit/index.ts';
import { authError } from '../domain/auth-errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../domain/passwords.ts';
import type { Actor } from '../domain/roles.ts';
import { publicSessionId } from '../domain/sessions.ts';
import type { AuthDeps } from './auth-deps.ts';
import { commonPasswords } from './common-passwords.ts';
import { assertNotLocked, recordFailure, throttleKeys } from './login-throttle.ts';

export interface OwnSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export async function listOwnSessions(deps: AuthDeps, actor: Actor): Promise<OwnSession[]> {
  const rows = await deps.db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', actor.userId)
    .where('expires_at', '>', deps.clock.now().toISOString())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: publicSessionId(row.id),
    current: row.id === actor.sessionId,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  }));
}

/** Ends one of the actor's own sessions (by its shown id); returns whether it was the current one. */
export async function endOwnSession(deps: AuthDeps, actor: Actor, id: string, ip: string | null): Promise<{ current: boolean }> {
  const rows = await deps.db.selectFrom('sessions').select('id').where('user_id', '=', actor.userId).execute();
  const match = rows.find((row) => publicSessionId(row.id) === id);
  if (!match) throw authError('session-not-found', 'You have no session with that id (it may have ended already).');
  await deps.db.transaction().execute(async (transaction) => {
    await transaction.deleteFrom('sessions').where('id', '=', match.id).where('user_id', '=', actor.userId).execute();
    await recordAudit(transaction, {
      at: deps.clock.now().toISOString(),
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: 'auth.session-ended',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { session: id },
      ip,
    });
  });
  await deps.events.publish({ type: 'sessions.ended', userId: actor.userId, sessionId: match.id });
  return { current: match.id === actor.sessionId };
}

/** Ends every session of the actor but the one making the request. */
export async function endOtherSessions(deps: AuthDeps, actor: Actor, ip: string | null): Promise<{ ended: number }> {
  const result = await deps.db.transaction().execute(async (transaction) => {
    let query = transaction.deleteFrom('sessions').where('user_id', '=', actor.userId);
    if (actor.sessionId) query = query.where('id', '!=', actor.sessionId);
    const result = await query.executeTakeFirst();
    const ended = Number(result.numDeletedRows);
    await recordAudit(transaction, {
      at: deps.clock.now().toISOString(),
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: 'auth.sessions-ended',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { ended, kept: actor.sessionId ? 'current' : 'none' },
      ip,
    });
    return { ended };
  });
  // Their open screens close at once on every node.
  await deps.events.publish({ type: 'sessions.ended', userId: actor.userId, except: actor.sessionId });
  return result;
}

/**
 * Changes the actor's own password. The current one is required (a borrowed unlocked screen is not
 * enough) and wrong guesses count towards the account's lockout; every other session ends.
 */
export async function changeOwnPassword(
  deps: AuthDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<{ endedSessions: number }> {
  const row = await deps.db
    .selectFrom('users')
    .select(['email', 'password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw authError('user-not-found', `There is no user ${actor.userId}.`);
  const keys = throttleKeys(row.email, ip);
  await assertNotLocked(deps, keys);
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    await recordFailure(deps, keys);
    throw authError('current-password-wrong', 'Your current password is not right.', [
      { field: 'body.currentPassword', message: 'is not your current password' },
    ]);
  }
  const weakness = passwordProblem(input.newPassword, commonPasswords());
  if (weakness) {
    throw authError('password-too-weak', `The new password ${weakness}.`, [{ field: 'body.newPassword', message: weakness }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.clock.now().toISOString();
  const result = await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
      .where('id', '=', actor.userId)
      .execute();
    let others = transaction.deleteFrom('sessions').where('user_id', '=', actor.userId);
    if (actor.sessionId) others = others.where('id', '!=', actor.sessionId);
    const ended = Number((await others.executeTakeFirst()).numDeletedRows);
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: 'user.password-changed',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { endedSessions: ended },
      ip,
    });
    return { endedSessions: ended };
  });
  await deps.events.publish({ type: 'sessions.ended', userId: actor.userId, except: actor.sessionId });
  return result;
}
