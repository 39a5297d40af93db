import { recordAudit } from '../../audit/index.ts';
import { newSecret } from '../../platform/ids.ts';
import { authError } from '../domain/auth-errors.ts';
import { hashPassword, verifyPassword } from '../domain/passwords.ts';
import { isRole } from '../domain/roles.ts';
import { hashSecret } from '../domain/secrets.ts';
import { describeUserAgent } from '../domain/sessions.ts';
import { mustUseTwoFactor } from '../domain/two-factor-policy.ts';
import { normalizeEmail, type User, userFromRow } from '../domain/user.ts';
import type { AuthDeps } from './auth-deps.ts';
import { assertNotLocked, recordFailure, recordSuccess, throttleKeys } from './login-throttle.ts';
import { acceptTotpCode, getAuthSettings } from './two-factor.ts';

export interface SignInResult {
  user: User;
  sessionSecret: string;
  csrfToken: string;
  expiresAt: string;
  /** The user's role must use a second factor they have not set up: this session may only enrol. */
  twoFactorEnrolmentRequired: boolean;
}

export interface SignInInput {
  email: string;
  password: string;
  /** The current code from the user's authenticator app, when they use one. */
  code?: string | undefined;
  ip: string | null;
  userAgent?: string | undefined;
}

// Compared against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
const unknownUserHash = hashPassword('no-such-user-placeholder');

/**
 * Checks the account and address are not locked, then the password, then (for users with a
 * second factor) the code. Wrong passwords and wrong codes count towards the lockout; a missing
 * code does not (the password was right, the client just asks for the code next).
 */
export async function signIn(deps: AuthDeps, input: SignInInput): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const keys = throttleKeys(email, input.ip);
  await assertNotLocked(deps, keys);
  const row = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const valid = row
    ? await verifyPassword(input.password, row.password_hash)
    : (await verifyPassword(input.password, await unknownUserHash)) && false;
  const now = deps.clock.now();
  const fail = async (reason: string) => {
    const locked = await recordFailure(deps, keys);
    await recordAudit(deps.db, {
      at: now.toISOString(),
      actorUserId: row?.id ?? null,
      action: 'auth.sign-in-failed',
      subjectType: 'user',
      subjectId: row?.id ?? null,
      details: locked ? { email, reason, lockStarted: true } : { email, reason },
      ip: input.ip,
    });
  };
  if (!row || !valid || row.deactivated_at !== null) {
    await fail(!row ? 'unknown-email' : !valid ? 'wrong-password' : 'deactivated');
    throw authError('credentials-invalid', 'That e-mail and password do not match an active account.');
  }
  if (row.totp_secret !== null) {
    if (!input.code) {
      throw authError('two-factor-required', 'Enter the 6-digit code from your authenticator app.', [
        { field: 'body.code', message: 'is required for this account' },
      ]);
    }
    if (!(await acceptTotpCode(deps, row.id, row.totp_secret, input.code))) {
      await fail('wrong-code');
      throw authError(
        'two-factor-code-wrong',
        'That code is not right, or was already used. Wait for the next code and try again.',
        [{ field: 'body.code', message: 'is not the current code' }],
      );
    }
  }
  await recordSuccess(deps, keys);
  const settings = await getAuthSettings(deps.db);
  const enrolmentRequired = row.totp_secret === null && isRole(row.role) && mustUseTwoFactor(row.role, settings);
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
        ip: input.ip,
        user_agent: describeUserAgent(input.userAgent),
        two_factor_enrolment_required: enrolmentRequired ? 1 : 0,
      })
      .execute();
    await transaction.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(transaction, {
      at: now.toISOString(),
      actorUserId: row.id,
      action: 'auth.signed-in',
      subjectType: 'user',
      subjectId: row.id,
      details: row.totp_secret !== null ? { secondFactor: 'totp' } : {},
      ip: input.ip,
    });
  });
  return {
    user: { ...userFromRow(row), lastSignInAt: now.toISOString() },
    sessionSecret,
    csrfToken,
    expiresAt,
    twoFactorEnrolmentRequired: enrolmentRequired,
  };
}
