import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';

export interface CustomerDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
}

/** Who changed something, for the audit log. */
export interface ChangeAuthor {
  userId: string | null;
  tokenId: string | null;
  ip: string | null;
}
