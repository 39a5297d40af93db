/**
 * Progressive lockout after failed sign-ins, counted per account and per client IP. A few
 * mistakes cost nothing; after that each further failure locks the key for twice as long as the
 * one before (30 s, 1 min, 2 min ... at most 15 min). The IP allows more failures than an account
 * (an office shares one address) but still stops one client spraying many addresses.
 */
export type ThrottleKind = 'account' | 'ip';

interface ThrottlePolicy {
  freeFailures: number;
  firstLockMs: number;
  maxLockMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
}

export const throttlePolicies: Record<ThrottleKind, ThrottlePolicy> = {
  account: { freeFailures: 5, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  ip: { freeFailures: 20, firstLockMs: 30_000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
};

/** How long to lock a key after its `failures`-th consecutive failure (0: not locked). */
export function lockDurationMs(kind: ThrottleKind, failures: number): number {
  const policy = throttlePolicies[kind];
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxLockMs, policy.firstLockMs * 2 ** Math.min(over - 1, 30));
}

/** Seconds until the latest of the locks ends, rounded up (for Retry-After), or 0 when none holds. */
export function secondsLocked(lockedUntil: readonly (string | null | undefined)[], now: Date): number {
  let latest = 0;
  for (const until of lockedUntil) if (until) latest = Math.max(latest, Date.parse(until) - now.getTime());
  return latest > 0 ? Math.ceil(latest / 1000) : 0;
}
