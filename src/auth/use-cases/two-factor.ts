import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { authError } from '../domain/auth-errors.ts';
import type { Actor } from '../domain/roles.ts';
import { isRole } from '../domain/roles.ts';
import { newTotpSecret, totpStep, totpUri } from '../domain/totp.ts';
import { type AuthSettings, defaultAuthSettings, mustUseTwoFactor } from '../domain/two-factor-policy.ts';
import type { AuthDeps, SecretSealer } from './auth-deps.ts';
import { assertNotLocked, recordFailure, throttleKeys } from './login-throttle.ts';

const settingsId = 'default';

function requireSealer(deps: AuthDeps): SecretSealer {
  if (!deps.sealer) {
    throw authError(
      'two-factor-unavailable',
      'Two-factor sign-in needs CHANNEL_SECRET_KEY (32 bytes, hex or base64) set on the server, so secrets are stored encrypted.',
    );
  }
  return deps.sealer;
}

/** A secret sealed with another key (CHANNEL_SECRET_KEY was changed) is a clear 409, not a 500. */
function openSecret(sealer: SecretSealer, sealed: string): string {
  try {
    return sealer.open(sealed);
  } catch {
    throw authError(
      'two-factor-unavailable',
      'The stored two-factor secret cannot be read with the configured CHANNEL_SECRET_KEY; an admin can remove two-factor sign-in for this user so they enrol again.',
    );
  }
}

export async function getAuthSettings(db: Kysely<Database>): Promise<AuthSettings> {
  const row = await db.selectFrom('auth_settings').selectAll().where('id', '=', settingsId).executeTakeFirst();
  if (!row) return defaultAuthSettings;
  return { requireTwoFactorForPrivileged: Number(row.require_two_factor_for_privileged) === 1, updatedAt: row.updated_at };
}

export async function updateAuthSettings(
  deps: AuthDeps,
  actor: Pick<Actor, 'userId' | 'tokenId'>,
  input: { requireTwoFactorForPrivileged: boolean },
  ip: string | null,
): Promise<AuthSettings> {
  // Requiring what nobody can enrol would lock every admin out at their next sign-in.
  if (input.requireTwoFactorForPrivileged) requireSealer(deps);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    const before = await getAuthSettings(transaction);
    const value = input.requireTwoFactorForPrivileged ? 1 : 0;
    await transaction
      .insertInto('auth_settings')
      .values({ id: settingsId, require_two_factor_for_privileged: value, updated_by: actor.userId, updated_at: now })
      .onConflict((conflict) =>
        conflict
          .column('id')
          .doUpdateSet({ require_two_factor_for_privileged: value, updated_by: actor.userId, updated_at: now }),
      )
      .execute();
    if (before.requireTwoFactorForPrivileged !== input.requireTwoFactorForPrivileged) {
      await recordAudit(transaction, {
        at: now,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action: 'auth.settings-changed',
        subjectType: 'auth-settings',
        subjectId: settingsId,
        changes: {
          requireTwoFactorForPrivileged: { from: before.requireTwoFactorForPrivileged, to: input.requireTwoFactorForPrivileged },
        },
        ip,
      });
    }
  });
  return getAuthSettings(deps.db);
}

/**
 * Accepts a code once: the step it belongs to must be later than the last one accepted, and the
 * update is conditional on that, so two concurrent sign-ins with one code cannot both pass.
 */
export async function acceptTotpCode(deps: AuthDeps, userId: string, sealedSecret: string, code: string): Promise<boolean> {
  const secret = openSecret(requireSealer(deps), sealedSecret);
  const step = totpStep(secret, code, deps.clock.now());
  if (step === null) return false;
  const result = await deps.db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((where) => where.or([where('totp_last_step', 'is', null), where('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Starts enrolment: a new secret, shown once (as text and as an otpauth:// URI for a QR code). */
export async function startTwoFactorEnrolment(deps: AuthDeps, actor: Actor): Promise<{ secret: string; uri: string }> {
  const sealer = requireSealer(deps);
  const row = await deps.db
    .selectFrom('users')
    .select(['email', 'totp_secret'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw authError('user-not-found', `There is no user ${actor.userId}.`);
  if (row.totp_secret !== null) {
    throw authError('two-factor-already-enabled', 'Two-factor sign-in is already on; turn it off first to enrol a new device.');
  }
  const secret = newTotpSecret();
  await deps.db
    .updateTable('users')
    .set({ totp_pending_secret: sealer.seal(secret) })
    .where('id', '=', actor.userId)
    .execute();
  return { secret, uri: totpUri(secret, row.email) };
}

/**
 * Wrong codes on enrolment or disabling count towards the account's sign-in lockout, so a
 * borrowed session cannot guess its way through a million codes.
 */
async function guardedCode<T>(deps: AuthDeps, actor: Actor, ip: string | null, check: () => Promise<T | null>): Promise<T> {
  const user = await deps.db.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirst();
  if (!user) throw authError('user-not-found', `There is no user ${actor.userId}.`);
  const keys = throttleKeys(user.email, ip);
  await assertNotLocked(deps, keys);
  const accepted = await check();
  if (accepted !== null) return accepted;
  await recordFailure(deps, keys);
  throw codeInvalid();
}

function codeInvalid(): Error {
  return authError(
    'two-factor-code-invalid',
    'That code is not right (or was already used). Enter the current code from your app.',
    [{ field: 'body.code', message: 'is not the current code' }],
  );
}

/** Confirms enrolment with a code from the app; from then on sign-in asks for a code. */
export async function confirmTwoFactorEnrolment(deps: AuthDeps, actor: Actor, code: string, ip: string | null): Promise<void> {
  const sealer = requireSealer(deps);
  const row = await deps.db
    .selectFrom('users')
    .select(['totp_secret', 'totp_pending_secret'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw authError('user-not-found', `There is no user ${actor.userId}.`);
  if (row.totp_secret !== null) throw authError('two-factor-already-enabled', 'Two-factor sign-in is already on.');
  if (row.totp_pending_secret === null) {
    throw authError('two-factor-not-enabled', 'Start enrolment first: no secret is waiting to be confirmed.');
  }
  const pending = openSecret(sealer, row.totp_pending_secret);
  const step = await guardedCode(deps, actor, ip, async () => totpStep(pending, code, deps.clock.now()));
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    const updated = await transaction
      .updateTable('users')
      .set({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, updated_at: now })
      .where('id', '=', actor.userId)
      .where('totp_secret', 'is', null)
      .where('totp_pending_secret', '=', row.totp_pending_secret)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw authError('two-factor-already-enabled', 'Two-factor sign-in is already on.');
    // Sessions that were held back until enrolment may now do everything their role allows.
    await transaction
      .updateTable('sessions')
      .set({ two_factor_enrolment_required: 0 })
      .where('user_id', '=', actor.userId)
      .execute();
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      action: 'user.two-factor-enabled',
      subjectType: 'user',
      subjectId: actor.userId,
      ip,
    });
  });
}

/** Turns the second factor off with a current code; refused while policy requires it for the role. */
export async function disableTwoFactor(deps: AuthDeps, actor: Actor, code: string, ip: string | null): Promise<void> {
  const row = await deps.db.selectFrom('users').select(['role', 'totp_secret']).where('id', '=', actor.userId).executeTakeFirst();
  if (!row) throw authError('user-not-found', `There is no user ${actor.userId}.`);
  if (row.totp_secret === null) throw authError('two-factor-not-enabled', 'Two-factor sign-in is not on.');
  if (isRole(row.role) && mustUseTwoFactor(row.role, await getAuthSettings(deps.db))) {
    throw authError('two-factor-required-by-policy', 'Your role must use two-factor sign-in; an admin can change that setting.');
  }
  const sealed = row.totp_secret;
  await guardedCode(deps, actor, ip, async () => ((await acceptTotpCode(deps, actor.userId, sealed, code)) ? true : null));
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    await transaction
      .updateTable('users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: now })
      .where('id', '=', actor.userId)
      .execute();
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      action: 'user.two-factor-disabled',
      subjectType: 'user',
      subjectId: actor.userId,
      ip,
    });
  });
}
