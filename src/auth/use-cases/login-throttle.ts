import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { lockDurationMs, secondsLocked, type ThrottleKind, throttlePolicies } from '../domain/login-throttle.ts';
import { hashSecret } from '../domain/secrets.ts';
import type { AuthDeps } from './auth-deps.ts';

/** A locked account or address: 429 with how long to wait (the route sets Retry-After). */
export class SignInLockedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'sign-in-locked',
      'rate-limited',
      `Too many failed sign-ins for this account or from this address. Try again in ${retryAfterSeconds} seconds.`,
    );
  }
}

export interface ThrottleKeys {
  account: string;
  ip: string | null;
}

/** Counters are keyed by a hash of the e-mail, so the table holds no addresses. */
export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return { account: `account:${hashSecret(email)}`, ip: ip ? `ip:${ip}` : null };
}

function keysOf(keys: ThrottleKeys): { key: string; kind: ThrottleKind }[] {
  const list: { key: string; kind: ThrottleKind }[] = [{ key: keys.account, kind: 'account' }];
  if (keys.ip) list.push({ key: keys.ip, kind: 'ip' });
  return list;
}

/** Throws SignInLockedError while either the account or the address is locked. */
export async function assertNotLocked(deps: AuthDeps, keys: ThrottleKeys): Promise<void> {
  const rows = await deps.db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where(
      'key',
      'in',
      keysOf(keys).map((entry) => entry.key),
    )
    .execute();
  const seconds = secondsLocked(
    rows.map((row) => row.locked_until),
    deps.clock.now(),
  );
  if (seconds > 0) throw new SignInLockedError(seconds);
}

/**
 * Counts one failure against each key. The increment is one atomic upsert per key, so concurrent
 * failures on several nodes are all counted; a key whose last failure is old starts again at 1.
 * Returns true when this failure started a lock.
 */
export async function recordFailure(deps: AuthDeps, keys: ThrottleKeys): Promise<boolean> {
  const now = deps.clock.now();
  let locked = false;
  for (const { key, kind } of keysOf(keys)) {
    const forgetBefore = new Date(now.getTime() - throttlePolicies[kind].forgetAfterMs).toISOString();
    const row = await deps.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, last_failure_at: now.toISOString(), locked_until: null })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          failures: sql<number>`case when login_throttle.last_failure_at < ${forgetBefore} then 1 else login_throttle.failures + 1 end`,
          last_failure_at: now.toISOString(),
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const lockMs = lockDurationMs(kind, Number(row.failures));
    if (lockMs > 0) {
      locked = true;
      await deps.db
        .updateTable('login_throttle')
        .set({ locked_until: new Date(now.getTime() + lockMs).toISOString() })
        .where('key', '=', key)
        .execute();
    }
  }
  // Keys nobody has failed on for a while are forgotten anyway; now and then they are deleted, so
  // spraying random addresses cannot grow the table without bound.
  if (Math.random() < sweepChance) await sweepForgotten(deps, now);
  return locked;
}

const sweepChance = 0.02;

/** Deletes counters that the policy has already forgotten and that hold no lock. */
export async function sweepForgotten(deps: AuthDeps, now: Date): Promise<number> {
  const longest = Math.max(...Object.values(throttlePolicies).map((policy) => policy.forgetAfterMs));
  const result = await deps.db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', new Date(now.getTime() - longest).toISOString())
    .where((where) => where.or([where('locked_until', 'is', null), where('locked_until', '<', now.toISOString())]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A successful sign-in clears the account's counter; the address keeps its count (see policy). */
export async function recordSuccess(deps: AuthDeps, keys: ThrottleKeys): Promise<void> {
  await deps.db.deleteFrom('login_throttle').where('key', '=', keys.account).execute();
}
