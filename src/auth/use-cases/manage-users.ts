import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/index.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { authError } from '../domain/auth-errors.ts';
import { hashPassword, passwordProblem } from '../domain/passwords.ts';
import type { Actor, Role } from '../domain/roles.ts';
import { type Money, normalizeEmail, type User, userFromRow } from '../domain/user.ts';
import type { AuthDeps } from './auth-deps.ts';

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
  const weakness = passwordProblem(input.password);
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
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  if (input.password !== undefined) {
    const weakness = passwordProblem(input.password);
    if (weakness)
      throw authError('password-too-weak', `The password ${weakness}.`, [{ field: 'body.password', message: weakness }]);
  }
  const deactivated = await deps.db.transaction().execute(async (transaction) => {
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
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const audit = (action: Parameters<typeof recordAudit>[1]['action'], details: Record<string, unknown>) =>
      recordAudit(transaction, {
        at: now,
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId,
        action,
        subjectType: 'user',
        subjectId: id,
        details,
        ip,
      });
    if (input.role !== undefined && input.role !== before.role) {
      await audit('user.role-changed', { from: before.role, to: input.role });
    }
    if (
      input.approvalLimit !== undefined &&
      (input.approvalLimit.amountMinor !== before.approvalLimit.amountMinor ||
        input.approvalLimit.currency !== before.approvalLimit.currency)
    ) {
      await audit('user.approval-limit-changed', { from: before.approvalLimit, to: input.approvalLimit });
    }
    if (input.active === false && before.active) {
      // Deactivation takes effect at once: sessions are deleted, tokens fail the active-user check.
      await transaction.deleteFrom('sessions').where('user_id', '=', id).execute();
      await audit('user.deactivated', {});
    }
    if (input.active === true && !before.active) await audit('user.reactivated', {});
    return input.active === false && before.active;
  });
  if (deactivated) await deps.events.publish({ type: 'user.deactivated', userId: id });
  return getUser(deps, id);
}
