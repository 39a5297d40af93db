import type { Kysely } from 'kysely';
import type { ConversationDeps } from '../conversations/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/schema.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import type { DefuseEvent } from '../realtime/index.ts';

/** What every channel adapter gets from the composition root. */
export interface ChannelDeps {
  config: Config;
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
  /** The one ingest path: channels call `ingestInbound(conversations, …)` from conversations/index.ts. */
  conversations: ConversationDeps;
}

/** A running channel (listeners, pollers, workers) that stops cleanly. */
export interface RunningChannel {
  stop(): Promise<void>;
}
