import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { WriteRunner } from '../../platform/db/write-runner.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { DefuseEvent } from '../../realtime/events.ts';
import type { SentReplyReview } from '../domain/conversation.ts';

export interface ConversationDeps {
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
  /** Hot-path writes (ingest) go through this, which may group concurrent units into one commit. */
  writes: WriteRunner;
  /**
   * Reviews an agent's reply as it is sent (the reply coach, wired in by the composition root so
   * conversations need not know the coach). Sending is never blocked by it.
   */
  reviewReplyOnSend?: (
    conversationId: string,
    body: string,
    insertedTemplate: InsertedTemplate | null,
  ) => Promise<SentReplyReview>;
}

/** The script an agent inserted into a reply, as it was inserted. */
export interface InsertedTemplate {
  key: string;
  text: string;
}
