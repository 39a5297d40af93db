import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

export type WriteWork<Result> = (transaction: Kysely<Database>) => Promise<Result>;

/** Runs a unit of write work in a transaction; callers never know whether it was grouped. */
export interface WriteRunner {
  run<Result>(work: WriteWork<Result>): Promise<Result>;
}

interface Pending {
  work: WriteWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const maxBatchSize = 100;

/**
 * Group commit for a single-writer database: work that arrives while a transaction is running
 * waits and then shares the next transaction, so a burst pays for one commit instead of one
 * each. Nothing resolves before its transaction has committed. If a grouped transaction fails,
 * each unit is retried on its own, so one bad unit fails alone.
 */
export class GroupCommitRunner implements WriteRunner {
  private readonly queue: Pending[] = [];
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  run<Result>(work: WriteWork<Result>): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the requests already read off the sockets queue their work first, then commit them together.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, maxBatchSize);
        if (batch.length === 1) {
          await this.runAlone(batch[0] as Pending);
          continue;
        }
        let results: unknown[];
        try {
          results = await this.db.transaction().execute(async (transaction) => {
            const collected: unknown[] = [];
            for (const pending of batch) collected.push(await pending.work(transaction));
            return collected;
          });
        } catch {
          for (const pending of batch) await this.runAlone(pending);
          continue;
        }
        for (const [index, pending] of batch.entries()) pending.resolve(results[index]);
      }
    } finally {
      this.draining = false;
    }
  }

  private async runAlone(pending: Pending): Promise<void> {
    try {
      pending.resolve(await this.db.transaction().execute((transaction) => pending.work(transaction)));
    } catch (error) {
      pending.reject(error);
    }
  }
}

/** A pooled database commits each unit in its own transaction, concurrently. */
export class TransactionPerUnitRunner implements WriteRunner {
  constructor(private readonly db: Kysely<Database>) {}

  run<Result>(work: WriteWork<Result>): Promise<Result> {
    return this.db.transaction().execute(work);
  }
}

export function createWriteRunner(handle: Pick<DatabaseHandle, 'db' | 'singleWriter'>): WriteRunner {
  return handle.singleWriter ? new GroupCommitRunner(handle.db) : new TransactionPerUnitRunner(handle.db);
}
