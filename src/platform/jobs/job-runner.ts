import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { newId } from '../ids.ts';
import { claimJobs, completeJob, failJob, type Job, retryDelayMs } from './jobs.ts';

/** What a job type does. Throwing fails the attempt; the runner retries with back-off. */
export interface JobHandler<Payload = unknown> {
  type: string;
  run(job: Job<Payload>): Promise<void>;
  /** First retry delay; doubles on each further attempt up to `retryCapMs`. */
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Called once when the job has used up its attempts (or failed permanently). */
  onDead?(job: Job<Payload>, error: unknown): Promise<void>;
}

/** A failure that retrying cannot fix (bad payload, no address): the job goes dead at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface JobRunnerOptions {
  db: Kysely<Database>;
  clock: Clock;
  pollIntervalMs: number;
  /** A claimed job not finished within the lease is claimed again by any worker. */
  leaseMs?: number;
  batchSize?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

const defaultRetryBaseMs = 30_000;
const defaultRetryCapMs = 60 * 60_000;

/**
 * Polls the jobs table for due work of its registered types, runs it, and records the outcome.
 * `wake()` runs a round at once (after an enqueue); `runDue()` runs one round and resolves when it
 * is done (tests and the start-up sweep use it).
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly workerId = `worker-${newId()}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private rerun = false;
  private stopped = true;

  constructor(private readonly options: JobRunnerOptions) {}

  register<Payload>(handler: JobHandler<Payload>): void {
    this.handlers.set(handler.type, handler as JobHandler);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Claims and runs due jobs until none are left; resolves with how many ran. */
  async runDue(): Promise<number> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runDue()
        .catch((error: unknown) => this.log('error', `job round failed: ${describe(error)}`))
        .finally(() => {
          if (!this.stopped && !this.timer) this.schedule(this.rerun ? 0 : this.options.pollIntervalMs);
          this.rerun = false;
        });
    }, delayMs);
    this.timer.unref?.();
  }

  private async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = this.options.clock.now();
      const jobs = await claimJobs(this.options.db, {
        types: [...this.handlers.keys()],
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + (this.options.leaseMs ?? 5 * 60_000)).toISOString(),
        workerId: this.workerId,
        limit: this.options.batchSize ?? 10,
      });
      if (jobs.length === 0) return ran;
      for (const job of jobs) {
        await this.runOne(job);
        ran += 1;
      }
    }
  }

  private async runOne(job: Job): Promise<void> {
    const handler = this.handlers.get(job.type);
    if (!handler) return;
    try {
      await handler.run(job);
      await completeJob(this.options.db, job, this.options.clock.now().toISOString());
    } catch (error) {
      const now = this.options.clock.now();
      const permanent = error instanceof PermanentJobError;
      const delay = retryDelayMs(
        job.attempts,
        handler.retryBaseMs ?? defaultRetryBaseMs,
        handler.retryCapMs ?? defaultRetryCapMs,
      );
      const outcome = await failJob(this.options.db, job, {
        now: now.toISOString(),
        error: describe(error),
        retryAt: permanent ? null : new Date(now.getTime() + delay).toISOString(),
      });
      this.log(
        outcome === 'dead' ? 'error' : 'warn',
        `job ${job.type} ${job.id} attempt ${job.attempts}/${job.maxAttempts} failed (${outcome}): ${describe(error)}`,
      );
      if (outcome === 'dead' && handler.onDead) {
        await handler.onDead(job, error).catch((hookError: unknown) => this.log('error', describe(hookError)));
      }
    }
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.options.log?.(level, message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
