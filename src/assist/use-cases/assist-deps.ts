import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';

export interface AssistDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Fills {{company.name}} in scripts; empty leaves a visible marker. */
  companyName: string;
}
