import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';
import type { TokenCache } from '../domain/token-cache.ts';

/** Seals secrets at rest (AES-256-GCM with CHANNEL_SECRET_KEY); wired by the composition root. */
export interface SecretSealer {
  seal(plain: string): string;
  /** Throws when the value was sealed with another key or tampered with. */
  open(sealed: string): string;
}

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  sessionTtlHours: number;
  events: EventBus<DefuseEvent>;
  /** Optional: remembers accepted API tokens briefly (see TokenCache). */
  tokenCache?: TokenCache;
  /** TOTP secrets are sealed with this; without a key a second factor cannot be enrolled. */
  sealer?: SecretSealer | null;
}
