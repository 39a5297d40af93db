import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { WriteRunner } from '../../platform/db/write-runner.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';

export interface ConversationDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
  /** Hot-path writes (ingest) go through this, which may group concurrent units into one commit. */
  writes: WriteRunner;
}
