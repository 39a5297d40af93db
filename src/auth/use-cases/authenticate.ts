import { tokenStatus } from '../domain/api-tokens.ts';
import { type Actor, isRole } from '../domain/roles.ts';
import { apiTokenPrefix, hashSecret } from '../domain/secrets.ts';
import type { AuthDeps } from './auth-deps.ts';

// Last-seen stamps are written at most once a minute per session or token, so reads stay reads.
const touchIntervalMs = 60_000;

export async function authenticateSession(deps: AuthDeps, sessionSecret: string): Promise<Actor | null> {
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.name',
      'users.role',
      'users.deactivated_at',
      'sessions.two_factor_enrolment_required',
    ])
    .where('sessions.id', '=', hashSecret(sessionSecret))
    .executeTakeFirst();
  if (!row || row.deactivated_at !== null || row.expires_at <= now.toISOString() || !isRole(row.role)) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > touchIntervalMs) {
    await deps.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.session_id).execute();
  }
  return {
    kind: 'session',
    userId: row.user_id,
    userName: row.name,
    role: row.role,
    sessionId: row.session_id,
    tokenId: null,
    csrfToken: row.csrf_token,
    twoFactorEnrolmentRequired: Number(row.two_factor_enrolment_required) === 1,
  };
}

export async function authenticateToken(deps: AuthDeps, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(apiTokenPrefix)) return null;
  const now = deps.clock.now();
  const secretHash = hashSecret(secret);
  const cached = deps.tokenCache?.get(secretHash, now.getTime());
  if (cached) return cached;
  const row = await deps.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.role',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'api_tokens.expires_at',
      'users.id as user_id',
      'users.name',
      'users.role as user_role',
      'users.deactivated_at',
    ])
    .where('api_tokens.secret_hash', '=', secretHash)
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return null;
  // The creator's current role bounds the token: demoted below it or deactivated, it stops.
  const status = tokenStatus(
    { role: row.role, revokedAt: row.revoked_at, expiresAt: row.expires_at },
    { role: row.user_role, active: row.deactivated_at === null },
    now,
  );
  if (status !== 'active') return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > touchIntervalMs) {
    await deps.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  }
  const actor: Actor = {
    kind: 'token',
    userId: row.user_id,
    userName: row.name,
    role: row.role,
    sessionId: null,
    tokenId: row.token_id,
    csrfToken: null,
  };
  deps.tokenCache?.set(secretHash, actor, now.getTime(), row.expires_at ? Date.parse(row.expires_at) : undefined);
  return actor;
}
