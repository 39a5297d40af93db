import { recordAudit } from '../../audit/index.ts';
import { newSecret } from '../../platform/ids.ts';
import { authError } from '../domain/auth-errors.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { hashSecret } from '../domain/secrets.ts';
import { normalizeEmail, type User, userFromRow } from '../domain/user.ts';
import type { AuthDeps } from './auth-deps.ts';

export interface SignInResult {
  user: User;
  sessionSecret: string;
  csrfToken: string;
  expiresAt: string;
}

// Compared against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
const unknownUserHash = hashPassword('no-such-user-placeholder');

export async function signIn(
  deps: AuthDeps,
  input: { email: string; password: string; ip: string | null },
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const row = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const valid = row
    ? await verifyPassword(input.password, row.password_hash)
    : (await verifyPassword(input.password, await unknownUserHash)) && false;
  const now = deps.clock.now();
  if (!row || !valid || row.deactivated_at !== null) {
    await recordAudit(deps.db, {
      at: now.toISOString(),
      actorUserId: row?.id ?? null,
      action: 'auth.sign-in-failed',
      subjectType: 'user',
      subjectId: row?.id ?? null,
      details: { email, reason: !row ? 'unknown-email' : !valid ? 'wrong-password' : 'deactivated' },
      ip: input.ip,
    });
    throw authError('credentials-invalid', 'That e-mail and password do not match an active account.');
  }
  const sessionSecret = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3600_000).toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .insertInto('sessions')
      .values({
        id: hashSecret(sessionSecret),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        last_seen_at: now.toISOString(),
      })
      .execute();
    await transaction.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(transaction, {
      at: now.toISOString(),
      actorUserId: row.id,
      action: 'auth.signed-in',
      subjectType: 'user',
      subjectId: row.id,
      ip: input.ip,
    });
  });
  return { user: { ...userFromRow(row), lastSignInAt: now.toISOString() }, sessionSecret, csrfToken, expiresAt };
}
