import type { Actor } from './roles.ts';

const defaultTtlMs = 5_000;
const maxEntries = 10_000;

/**
 * Integrations call with the same bearer token thousands of times a second; looking it up each
 * time would put a read in front of every write. Accepted tokens are remembered briefly and
 * forgotten at once, on every node, when the token is revoked or its creator deactivated or
 * given another role.
 */
export class TokenCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(private readonly ttlMs = defaultTtlMs) {}

  get(secretHash: string, now: number): Actor | null {
    const entry = this.entries.get(secretHash);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(secretHash);
      return null;
    }
    return entry.actor;
  }

  /** `notAfter`: the token's expiry, so a remembered token never outlives it. */
  set(secretHash: string, actor: Actor, now: number, notAfter = Number.POSITIVE_INFINITY): void {
    if (this.entries.size >= maxEntries) this.entries.clear();
    this.entries.set(secretHash, { actor, until: Math.min(now + this.ttlMs, notAfter) });
  }

  forget(match: (actor: Actor) => boolean): void {
    for (const [key, entry] of this.entries) if (match(entry.actor)) this.entries.delete(key);
  }
}
