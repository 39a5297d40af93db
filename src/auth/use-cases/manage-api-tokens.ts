import { recordAudit } from '../../audit/index.ts';
import { newId, newSecret } from '../../platform/ids.ts';
import { type TokenStatus, tokenStatus } from '../domain/api-tokens.ts';
import { authError } from '../domain/auth-errors.ts';
import type { Actor, Role } from '../domain/roles.ts';
import { apiTokenPrefix, hashSecret } from '../domain/secrets.ts';
import type { AuthDeps } from './auth-deps.ts';

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  createdBy: { id: string; name: string };
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
  /** active; revoked; expired; or suspended while its creator lacks its role or is deactivated. */
  status: TokenStatus;
}

export async function listApiTokens(deps: AuthDeps): Promise<ApiToken[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.prefix',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
      'api_tokens.expires_at',
      'users.id as creator_id',
      'users.name as creator_name',
      'users.role as creator_role',
      'users.deactivated_at as creator_deactivated_at',
    ])
    .orderBy('api_tokens.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.created_at,
    createdBy: { id: row.creator_id, name: row.creator_name },
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
    status: tokenStatus(
      { role: row.role, revokedAt: row.revoked_at, expiresAt: row.expires_at },
      { role: row.creator_role, active: row.creator_deactivated_at === null },
      now,
    ),
  }));
}

/** The secret is returned once and stored only as a hash. */
export async function createApiToken(
  deps: AuthDeps,
  actor: Actor,
  input: { name: string; role: Role; expiresAt?: string | null | undefined },
  ip: string | null,
): Promise<{ token: ApiToken; secret: string }> {
  const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  if (expiresAt !== null && expiresAt <= deps.clock.now().toISOString()) {
    throw authError('token-expiry-invalid', 'A token must expire in the future.', [
      { field: 'body.expiresAt', message: 'must be in the future' },
    ]);
  }
  const id = newId();
  const body = newSecret(32);
  const prefix = body.slice(0, 8);
  const secret = `${apiTokenPrefix}${body}`;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto('api_tokens')
      .values({
        id,
        name: input.name.trim(),
        role: input.role,
        prefix: `${apiTokenPrefix}${prefix}`,
        secret_hash: hashSecret(secret),
        created_by: actor.userId,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
        expires_at: expiresAt,
      })
      .execute();
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: 'token.created',
      subjectType: 'api-token',
      subjectId: id,
      details: { name: input.name, role: input.role, expiresAt },
      ip,
    });
  });
  const token = (await listApiTokens(deps)).find((candidate) => candidate.id === id);
  if (!token) throw authError('token-not-found', 'The new token could not be read back.');
  return { token, secret };
}

export async function revokeApiToken(deps: AuthDeps, actor: Actor, id: string, ip: string | null): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    const row = await transaction.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw authError('token-not-found', `There is no API token ${id}.`);
    if (row.revoked_at !== null) return;
    await transaction.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: 'token.revoked',
      subjectType: 'api-token',
      subjectId: id,
      ip,
    });
  });
  // Every node forgets the token at once, even if it was remembered a moment ago.
  await deps.events.publish({ type: 'token.revoked', tokenId: id });
}
