import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import type { Money } from '../../platform/money.ts';
import { authError } from '../domain/auth-errors.ts';
import { hashPassword, passwordProblem } from '../domain/passwords.ts';
import type { Actor, Role } from '../domain/roles.ts';
import { normalizeEmail, type User, userFromRow } from '../domain/user.ts';
import type { AuthDeps } from './auth-deps.ts';
import { commonPasswords } from './common-passwords.ts';

export async function listUsers(deps: AuthDeps): Promise<User[]> {
  const rows = await deps.db.selectFrom('users').selectAll().orderBy('name').execute();
  return rows.map(userFromRow);
}

export async function getUser(deps: AuthDeps, id: string): Promise<User> {
  const row = await deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw authError('user-not-found', `There is no user ${id}.`);
  return userFromRow(row);
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  approvalLimit?: Money | undefined;
}

export async function createUser(
  deps: AuthDeps,
  actor: Pick<Actor, 'userId' | 'tokenId'> | null,
  input: CreateUserInput,
  ip: string | null = null,
): Promise<User> {
  const weakness = passwordProblem(input.password, commonPasswords());
  if (weakness) {
    throw authError('password-too-weak', `The password ${weakness}.`, [{ field: 'body.password', message: weakness }]);
  }
  const now = deps.clock.now().toISOString();
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  try {
    await deps.db.transaction().execute(async (transaction) => {
      await transaction
        .insertInto('users')
        .values({
          id,
          email: normalizeEmail(input.email),
          name: input.name.trim(),
          role: input.role,
          password_hash: passwordHash,
          approval_limit_minor: input.approvalLimit?.amountMinor ?? 0,
          approval_limit_currency: input.approvalLimit?.currency ?? 'EUR',
          deactivated_at: null,
          created_at: now,
          updated_at: now,
          last_sign_in_at: null,
        })
        .execute();
      await recordAudit(transaction, {
        at: now,
        actorUserId: actor?.userId ?? null,
        actorTokenId: actor?.tokenId ?? null,
        action: 'user.created',
        subjectType: 'user',
        subjectId: id,
        details: { email: normalizeEmail(input.email), role: input.role },
        ip,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw authError('email-taken', `Someone already signs in with ${input.email}.`, [
        { field: 'body.email', message: 'is already in use' },
      ]);
    }
    throw error;
  }
  return getUser(deps, id);
}

export interface UpdateUserInput {
  name?: string | undefined;
  role?: Role | undefined;
  approvalLimit?: Money | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
  /** Clears the user's second factor (a lost phone); they enrol again. */
  resetTwoFactor?: boolean | undefined;
}

async function countOtherActiveAdmins(db: Kysely<Database>, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((builder) => builder.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('deactivated_at', 'is', null)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateUser(
  deps: AuthDeps,
  actor: Pick<Actor, 'userId' | 'tokenId'>,
  id: string,
  input: UpdateUserInput,
  ip: string | null = null,
): Promise<User> {
  const now = deps.clock.now().toISOString();
  if (input.password !== undefined) {
    const weakness = passwordProblem(input.password, commonPasswords());
    if (weakness)
      throw authError('password-too-weak', `The password ${weakness}.`, [{ field: 'body.password', message: weakness }]);
  }
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  const outcome = await deps.db.transaction().execute(async (transaction) => {
    const row = await transaction.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw authError('user-not-found', `There is no user ${id}.`);
    const before = userFromRow(row);
    const losesAdmin =
      before.role === 'admin' &&
      before.active &&
      ((input.role !== undefined && input.role !== 'admin') || input.active === false);
    if (losesAdmin && (await countOtherActiveAdmins(transaction, id)) === 0) {
      throw authError('last-admin', 'This is the last active admin; make someone else an admin first.');
    }
    await transaction
      .updateTable('users')
      .set({
        name: input.name?.trim() ?? row.name,
        role: input.role ?? row.role,
        approval_limit_minor: input.approvalLimit?.amountMinor ?? row.approval_limit_minor,
        approval_limit_currency: input.approvalLimit?.currency ?? row.approval_limit_currency,
        deactivated_at: input.active === undefined ? row.deactivated_at : input.active ? null : (row.deactivated_at ?? now),
        password_hash: passwordHash ?? row.password_hash,
        password_changed_at: passwordHash ? now : row.password_changed_at,
        totp_secret: input.resetTwoFactor ? null : row.totp_secret,
        totp_pending_secret: input.resetTwoFactor ? null : row.totp_pending_secret,
        totp_last_step: input.resetTwoFactor ? null : row.totp_last_step,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const audit = (
      action: Parameters<typeof recordAudit>[1]['action'],
      details: Record<string, unknown>,
      changes?: Record<string, { from: unknown; to: unknown }>,
    ) =>
      recordAudit(transaction, {
        at: now,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action,
        subjectType: 'user',
        subjectId: id,
        details,
        ...(changes ? { changes } : {}),
        ip,
      });
    if (input.name !== undefined && input.name.trim() !== before.name) {
      await audit('user.renamed', {}, { name: { from: before.name, to: input.name.trim() } });
    }
    const roleChanged = input.role !== undefined && input.role !== before.role;
    if (roleChanged) await audit('user.role-changed', {}, { role: { from: before.role, to: input.role } });
    if (
      input.approvalLimit !== undefined &&
      (input.approvalLimit.amountMinor !== before.approvalLimit.amountMinor ||
        input.approvalLimit.currency !== before.approvalLimit.currency)
    ) {
      await audit('user.approval-limit-changed', {}, { approvalLimit: { from: before.approvalLimit, to: input.approvalLimit } });
    }
    if (input.active === false && before.active) {
      // Deactivation takes effect at once: sessions are deleted, tokens fail the active-user check.
      await transaction.deleteFrom('sessions').where('user_id', '=', id).execute();
      await audit('user.deactivated', {});
    }
    if (input.active === true && !before.active) await audit('user.reactivated', {});
    if (passwordHash) {
      // A reset is for a forgotten or exposed password: whoever holds a session with the old one is out.
      const ended = await transaction.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
      await audit('user.password-reset', { endedSessions: Number(ended.numDeletedRows) });
    }
    if (input.resetTwoFactor && row.totp_secret !== null) await audit('user.two-factor-reset', {});
    return { deactivated: input.active === false && before.active, roleChanged, passwordReset: passwordHash !== undefined };
  });
  if (outcome.deactivated) await deps.events.publish({ type: 'user.deactivated', userId: id });
  // Tokens this user created are bounded by their role: every node re-checks them at once.
  else if (outcome.roleChanged) await deps.events.publish({ type: 'user.access-changed', userId: id });
  if (outcome.passwordReset) await deps.events.publish({ type: 'sessions.ended', userId: id, except: null });
  return getUser(deps, id);
}
