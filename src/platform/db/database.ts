import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /**
   * True when every write goes through one connection (SQLite): writers gain from group commit.
   * PostgreSQL writes concurrently over a pool and commits each transaction on its own.
   */
  singleWriter: boolean;
  /** Set for PostgreSQL: the realtime bus and job claiming need a raw pool. */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  url: string;
  sqliteSynchronous?: 'normal' | 'full';
  poolSize?: number;
}

const int8Oid = 20;
const numericOid = 1700;

/** Opens SQLite (`sqlite:path`, `sqlite::memory:`) or PostgreSQL (`postgres://…`). */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.url.startsWith('sqlite:')) {
    const path = options.url.slice('sqlite:'.length);
    if (path !== ':memory:') ensurePrivateFile(resolve(path));
    const sqlite = new SqliteDatabase(path === ':memory:' ? ':memory:' : resolve(path));
    // exec, not pragma(): it leaves no statement object behind for the garbage collector (see below).
    // WAL + NORMAL survives a process crash (SIGKILL) without losing commits; FULL also survives power loss.
    sqlite.exec(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${options.sqliteSynchronous ?? 'normal'}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;`,
    );
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', singleWriter: true, pool: null, close: () => db.destroy() };
  }
  // 64-bit integers hold money in minor units and counters; all fit in a double's 53-bit range.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === int8Oid || oid === numericOid ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', singleWriter: false, pool, close: () => db.destroy() };
}

/**
 * The database holds every customer's personal data: its directory (when we create it) and the file
 * are the owner's only (0700 / 0600). SQLite gives the -wal and -shm files the database file's
 * mode, so they follow. An existing file is tightened too; an existing directory is left alone
 * (it may be shared, like /tmp), but a new one is created private.
 */
export function ensurePrivateFile(path: string): void {
  const directory = dirname(path);
  if (!existsSync(directory)) mkdirSync(directory, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

// Statements of closed databases stay referenced too, for the same reason (tests open many).
const retainedStatementCaches = new Set<Map<string, SqliteDatabase.Statement>>();

/**
 * Kysely prepares every query afresh; better-sqlite3 statements are reusable, and preparing
 * costs as much as running a small query. Every statement is kept for the life of the
 * connection, by SQL text: the shapes are fixed by our code (IN lists are bounded by page
 * sizes), and a statement is never left to the garbage collector, which on Node 24 can abort
 * the process when it finalises a better-sqlite3 statement at the wrong moment
 * (RemoveEnvironmentCleanupHook assertion). Closing the database finalises them all.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  retainedStatementCaches.add(cache);
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  // Keep the planner's statistics fresh so it picks the inbox indexes (cheap; SQLite only analyses what changed).
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`PRAGMA optimize=0x10002`.execute(db);
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** A unique-constraint violation in either database: the caller decides what a duplicate means. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** JSON columns are TEXT in SQLite and jsonb in PostgreSQL; write strings, read through this. */
export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

/** Increments a named counter and returns the new value, inside the caller's transaction. */
export async function nextCounterValue(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Escapes %, _ and \ for a LIKE pattern (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
