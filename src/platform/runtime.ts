import { type DefuseEvent, shrinkEvent } from '../realtime/index.ts';
import type { Config } from './config.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database.ts';
import { createWriteRunner, type WriteRunner } from './db/write-runner.ts';
import { type EventBus, InProcessEventBus } from './events/event-bus.ts';
import { PostgresEventBus } from './events/postgres-event-bus.ts';

export interface Runtime {
  database: DatabaseHandle;
  events: EventBus<DefuseEvent>;
  writes: WriteRunner;
  close(): Promise<void>;
}

/** Opens and migrates the database and starts the event bus that fits it. */
export async function startRuntime(config: Pick<Config, 'DATABASE_URL' | 'SQLITE_SYNCHRONOUS'>): Promise<Runtime> {
  const database = openDatabase({ url: config.DATABASE_URL, sqliteSynchronous: config.SQLITE_SYNCHRONOUS });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  let events: EventBus<DefuseEvent>;
  if (database.pool) {
    const bus = new PostgresEventBus<DefuseEvent>(database.pool, shrinkEvent);
    await bus.start();
    events = bus;
  } else {
    events = new InProcessEventBus<DefuseEvent>();
  }
  return {
    database,
    events,
    writes: createWriteRunner(database),
    close: async () => {
      await events.close();
      await database.close();
    },
  };
}
