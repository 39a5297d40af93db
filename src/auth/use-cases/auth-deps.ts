import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  sessionTtlHours: number;
  events: EventBus<DefuseEvent>;
}
