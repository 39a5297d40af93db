import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import { parseJsonColumn } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { newId } from '../ids.ts';

export const jobStatuses = ['queued', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof jobStatuses)[number];

export interface Job<Payload = unknown> {
  id: string;
  type: string;
  payload: Payload;
  status: JobStatus;
  dedupeKey: string | null;
  /** Attempts started so far, this one included while it runs. */
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface EnqueueInput {
  type: string;
  payload: unknown;
  /** A second enqueue with the same key is ignored (several nodes may see the same event). */
  dedupeKey?: string | undefined;
  runAt?: string | undefined;
  maxAttempts?: number | undefined;
}

export const defaultMaxAttempts = 10;

type JobRow = Database['jobs'] extends infer Table ? { [Key in keyof Table]: unknown } : never;

export function jobFromRow(row: JobRow): Job {
  return {
    id: String(row.id),
    type: String(row.type),
    payload: parseJsonColumn<unknown>(row.payload, null),
    status: row.status as JobStatus,
    dedupeKey: (row.dedupe_key as string | null) ?? null,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: String(row.run_at),
    lockedUntil: (row.locked_until as string | null) ?? null,
    lastError: (row.last_error as string | null) ?? null,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    finishedAt: (row.finished_at as string | null) ?? null,
  };
}

/**
 * Adds a job inside the caller's transaction, so the job exists exactly when the change that needs
 * it commits (an outbox). Returns false when a job with the same dedupe key already exists.
 */
export async function enqueueJob(db: Kysely<Database>, clock: Clock, input: EnqueueInput): Promise<boolean> {
  const now = clock.now().toISOString();
  const result = await db
    .insertInto('jobs')
    .values({
      id: newId(),
      type: input.type,
      payload: JSON.stringify(input.payload ?? null),
      status: 'queued',
      dedupe_key: input.dedupeKey ?? null,
      attempts: 0,
      max_attempts: input.maxAttempts ?? defaultMaxAttempts,
      run_at: input.runAt ?? now,
      locked_until: null,
      locked_by: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Exponential back-off: base, 2×base, 4×base … capped. Deterministic so tests can step the clock. */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Claims up to `limit` due jobs of the given types with a lease: queued jobs whose time has come and
 * running jobs whose lease ran out (their worker died). PostgreSQL skips rows another node is
 * claiming at the same moment (`FOR UPDATE SKIP LOCKED`); SQLite has one writer, so the single
 * UPDATE is already exclusive.
 */
export async function claimJobs(
  db: Kysely<Database>,
  input: { types: readonly string[]; now: string; leaseUntil: string; workerId: string; limit: number },
): Promise<Job[]> {
  if (input.types.length === 0) return [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('type', 'in', input.types)
    .where((builder) =>
      builder.or([
        builder.and([builder('status', '=', 'queued'), builder('run_at', '<=', input.now)]),
        builder.and([builder('status', '=', 'running'), builder('locked_until', '<', input.now)]),
      ]),
    )
    .orderBy('run_at')
    .limit(input.limit)
    .$if(postgres, (query) => query.forUpdate().skipLocked());
  const rows = await db
    .updateTable('jobs')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      locked_until: input.leaseUntil,
      locked_by: input.workerId,
      updated_at: input.now,
    })
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map((row) => jobFromRow(row)).sort((left, right) => left.runAt.localeCompare(right.runAt));
}

export async function completeJob(db: Kysely<Database>, job: Job, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_until: null, locked_by: null, updated_at: now, finished_at: now, last_error: null })
    .where('id', '=', job.id)
    .execute();
}

/** Reschedules a failed attempt, or marks the job dead when it has used up its attempts. */
export async function failJob(
  db: Kysely<Database>,
  job: Job,
  input: { now: string; error: string; retryAt: string | null },
): Promise<'retrying' | 'dead'> {
  const dead = input.retryAt === null || job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'queued',
      run_at: dead ? job.runAt : (input.retryAt ?? job.runAt),
      locked_until: null,
      locked_by: null,
      last_error: input.error.slice(0, 2000),
      updated_at: input.now,
      finished_at: dead ? input.now : null,
    })
    .where('id', '=', job.id)
    .execute();
  return dead ? 'dead' : 'retrying';
}

export interface ListJobsInput {
  status?: JobStatus | undefined;
  type?: string | undefined;
  limit: number;
}

/** Newest first: what the admin screen lists. */
export async function listJobs(db: Kysely<Database>, input: ListJobsInput): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .$if(input.status !== undefined, (query) => query.where('status', '=', input.status as JobStatus))
    .$if(input.type !== undefined, (query) => query.where('type', '=', input.type as string))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map((row) => jobFromRow(row));
}

/** An admin gives a dead (or waiting) job a fresh set of attempts, due now. */
export async function retryJobNow(db: Kysely<Database>, id: string, now: string): Promise<Job | null> {
  const row = await db
    .updateTable('jobs')
    .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null, locked_until: null, locked_by: null, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'dead'])
    .returningAll()
    .executeTakeFirst();
  return row ? jobFromRow(row) : null;
}

export async function getJob(db: Kysely<Database>, id: string): Promise<Job | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? jobFromRow(row) : null;
}
