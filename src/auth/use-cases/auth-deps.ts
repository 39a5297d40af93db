import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';
import type { TokenCache } from '../domain/token-cache.ts';

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  sessionTtlHours: number;
  events: EventBus<DefuseEvent>;
  /** Optional: remembers accepted API tokens briefly (see TokenCache). */
  tokenCache?: TokenCache;
}
