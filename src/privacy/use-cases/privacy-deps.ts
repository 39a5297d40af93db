import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/index.ts';

export interface PrivacyDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
}

/** Who acts: a signed-in manager or admin (or their API token). */
export interface PrivacyActor {
  userId: string;
  tokenId: string | null;
  ip: string | null;
}
