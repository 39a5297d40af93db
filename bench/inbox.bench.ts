/**
 * Inbox latency at helpdesk scale: 100,000 conversations and 1,000,000 messages, queried through
 * the real use cases (listConversations, getConversation) one call at a time, on SQLite and on
 * PostgreSQL. A primary-key lookup on the same database is the floor to compare against.
 *
 * BENCH_CONVERSATIONS (100000), BENCH_MESSAGES (1000000), BENCH_CUSTOMERS (conversations / 5),
 * BENCH_ITERATIONS (300 per query), BENCH_EXPLAIN=1 prints each query's plan,
 * TEST_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/test). The filled SQLite file is cached
 * in .tmp/ by size; delete it to refill.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Channel, type ConversationStatus, getConversation, listConversations } from '../src/conversations/index.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { type FillSize, fillPostgres, fillSqlite, generateInbox } from './support/fill-inbox.ts';
import { formatMs, percentile, printTable } from './support/stats.ts';

const conversations = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const size: FillSize = {
  conversations,
  messages: Math.max(conversations, Number(process.env.BENCH_MESSAGES ?? 1_000_000)),
  customers: Number(process.env.BENCH_CUSTOMERS ?? Math.max(10, Math.round(conversations / 5))),
};
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const explain = process.env.BENCH_EXPLAIN === '1';
const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const targetP99Ms = 20;
const now = Date.parse('2026-11-24T12:00:00.000Z');
const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

const cacheDirectory = fileURLToPath(new URL('../.tmp/', import.meta.url));
const sqlitePath = `${cacheDirectory}inbox-${size.conversations}c-${size.messages}m-${size.customers}u-v1.sqlite`;

async function openSqlite(path: string): Promise<DatabaseHandle> {
  if (!existsSync(path)) {
    const start = performance.now();
    const filling = `${path}.filling`;
    mkdirSync(cacheDirectory, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(filling + suffix, { force: true });
    const schema = openDatabase({ url: `sqlite:${filling}` });
    await migrateToLatest(schema.db);
    await schema.close();
    const sqlite = new SqliteDatabase(filling);
    sqlite.pragma('journal_mode = off'); // a half-filled file is thrown away, never used
    sqlite.pragma('synchronous = off');
    sqlite.pragma('cache_size = -1000000');
    fillSqlite(sqlite, generateInbox(size, now));
    sqlite.prepare("update counters set value = ? where name = 'conversation_number'").run(1000 + size.conversations);
    sqlite.exec('analyze');
    sqlite.pragma('journal_mode = wal');
    sqlite.close();
    renameSync(filling, path);
    console.log(`SQLite filled in ${seconds(start)} (cached as ${path})`);
  } else {
    console.log(`SQLite: using the cached ${path}`);
  }
  // A cache made before a newer migration is brought up to date rather than refilled.
  const handle = openDatabase({ url: `sqlite:${path}` });
  await migrateToLatest(handle.db);
  return handle;
}

async function openPostgres(): Promise<{ handle: DatabaseHandle; url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`\nPostgreSQL SKIPPED: not reachable at ${postgresAdminUrl} (${(error as Error).message}).`);
    return null;
  }
  const name = `defuse_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const dropper = new pg.Client({ connectionString: postgresAdminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  const start = performance.now();
  const handle = openDatabase({ url: url.toString() });
  await migrateToLatest(handle.db);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query('set synchronous_commit = off');
  await fillPostgres(client, generateInbox(size, now));
  await client.query("update counters set value = $1 where name = 'conversation_number'", [1000 + size.conversations]);
  await client.query('vacuum analyze');
  await client.end();
  console.log(`PostgreSQL filled in ${seconds(start)} (scratch database ${name}, dropped at the end)`);
  return { handle, url: url.toString(), drop };
}

interface Scenario {
  name: string;
  /** Runs call number `i`; returns how many rows the caller got. */
  run(db: Kysely<Database>, i: number): Promise<number>;
}

/** The inbox questions agents ask all day, with parameters drawn from the filled data. */
async function scenarios(db: Kysely<Database>): Promise<Scenario[]> {
  const agents = (await db.selectFrom('users').select('id').where('role', '=', 'agent').orderBy('id').execute()).map(
    (row) => row.id,
  );
  const sample = await sql<{
    id: string;
    customer_id: string;
  }>`select id, customer_id from conversations order by random() limit 500`.execute(db);
  const ids = sample.rows.map((row) => row.id);
  const customerIds = sample.rows.map((row) => row.customer_id);
  const channels: Channel[] = ['email', 'chat', 'phone', 'social', 'api', 'video'];
  const active: ConversationStatus[] = ['open', 'pending'];
  const at = <T>(items: readonly T[], i: number) => items[i % items.length] as T;
  type Input = Omit<Parameters<typeof listConversations>[1], 'sort' | 'limit'> & { sort?: 'newest' | 'waiting' };
  const list = async (target: Kysely<Database>, input: Input) =>
    (await listConversations({ db: target }, { sort: 'newest', limit: 50, ...input })).items.length;

  // Cursors for page 2 and page 10 of several inbox views, found by paging through them once.
  const views: Input[] = [
    { statuses: active },
    { statuses: ['open'], assigneeId: 'none' },
    ...agents.map((assigneeId) => ({ statuses: active, assigneeId })),
    ...channels.map((channel) => ({ statuses: active, channel })),
    { statuses: ['open', 'pending', 'escalated'], sort: 'waiting' as const },
  ];
  const cursors = async (page: number) => {
    const found: Input[] = [];
    for (const view of views) {
      let cursor: string | undefined;
      for (let step = 1; step < page; step += 1) {
        cursor = (await listConversations({ db }, { sort: 'newest', limit: 50, ...view, cursor })).nextCursor ?? undefined;
        if (!cursor) break;
      }
      if (cursor) found.push({ ...view, cursor });
    }
    return found;
  };
  const page2 = await cursors(2);
  const page10 = await cursors(10);

  return [
    {
      name: 'baseline: conversation by primary key',
      run: async (target, i) =>
        (await target.selectFrom('conversations').selectAll().where('id', '=', at(ids, i)).executeTakeFirst()) ? 1 : 0,
    },
    { name: 'default inbox (open,pending, newest)', run: (target) => list(target, { statuses: active }) },
    { name: 'unassigned open', run: (target) => list(target, { statuses: ['open'], assigneeId: 'none' }) },
    { name: "one agent's open,pending", run: (target, i) => list(target, { statuses: active, assigneeId: at(agents, i) }) },
    { name: 'channel filter (open,pending)', run: (target, i) => list(target, { statuses: active, channel: at(channels, i) }) },
    {
      name: 'sort waiting (open,pending,escalated)',
      run: (target, i) =>
        list(target, {
          statuses: ['open', 'pending', 'escalated'],
          sort: 'waiting',
          assigneeId: i % 2 ? at(agents, i) : undefined,
        }),
    },
    { name: 'page 2 via cursor (varied views)', run: (target, i) => list(target, at(page2, i)) },
    { name: 'page 10 via cursor (varied views)', run: (target, i) => list(target, at(page10, i)) },
    { name: "a customer's conversations", run: (target, i) => list(target, { customerId: at(customerIds, i) }) },
    {
      name: 'open one conversation (limit 200)',
      run: async (target, i) => (await getConversation({ db: target }, { id: at(ids, i), limit: 200 })).messages.length,
    },
  ];
}

async function measure(db: Kysely<Database>, list: Scenario[]) {
  const results = new Map<string, { p50: number; p99: number; rows: number }>();
  for (const scenario of list) {
    for (let i = 0; i < 20; i += 1) await scenario.run(db, i); // warm-up: JIT and page cache
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < iterations; i += 1) {
      const start = performance.now();
      rows += await scenario.run(db, i);
      samples.push(performance.now() - start);
    }
    results.set(scenario.name, { p50: percentile(samples, 50), p99: percentile(samples, 99), rows: rows / iterations });
  }
  return results;
}

/** Runs each scenario once through a logging Kysely and prints the plan of every statement. */
async function printPlans(
  label: string,
  db: Kysely<Database>,
  list: Scenario[],
  plan: (query: { sql: string; parameters: readonly unknown[] }) => Promise<string>,
  captured: Array<{ sql: string; parameters: readonly unknown[] }>,
) {
  console.log(`\n=== ${label} query plans`);
  for (const scenario of list) {
    captured.length = 0;
    await scenario.run(db, 1);
    for (const query of [...captured]) console.log(`\n-- ${scenario.name}\n${query.sql}\n${await plan(query)}`);
  }
}

console.log(
  `Inbox benchmark: ${size.conversations} conversations, ${size.messages} messages, ${size.customers} customers; ${iterations} calls per query\n`,
);
const sqlite = await openSqlite(sqlitePath);
const list = await scenarios(sqlite.db);
const sqliteResults = await measure(sqlite.db, list);
if (explain) {
  const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const raw = new SqliteDatabase(sqlitePath, { readonly: true });
  const logged = new Kysely<Database>({
    dialect: new SqliteDialect({ database: raw }),
    log: (event) => void captured.push(event.query),
  });
  await printPlans(
    'SQLite',
    logged,
    list,
    async (query) =>
      (raw.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>)
        .map((row) => `   ${row.detail}`)
        .join('\n'),
    captured,
  );
  await logged.destroy();
}
await sqlite.close();

const postgres = await openPostgres();
let postgresResults: Awaited<ReturnType<typeof measure>> | null = null;
if (postgres) {
  try {
    postgresResults = await measure(postgres.handle.db, await scenarios(postgres.handle.db));
    if (explain) {
      const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
      const pool = new pg.Pool({ connectionString: postgres.url, max: 1 });
      const logged = new Kysely<Database>({
        dialect: new PostgresDialect({ pool }),
        log: (event) => void captured.push(event.query),
      });
      await printPlans(
        'PostgreSQL',
        logged,
        list,
        async (query) =>
          (await pool.query(`explain (analyze, costs off, buffers) ${query.sql}`, query.parameters as unknown[])).rows
            .map((row: Record<string, string>) => `   ${row['QUERY PLAN']}`)
            .join('\n'),
        captured,
      );
      await logged.destroy();
    }
  } finally {
    await postgres.handle.close();
    await postgres.drop();
  }
}

console.log(`\nLatency per call (${iterations} calls each, one at a time; target p99 < ${targetP99Ms} ms)\n`);
const cell = (value: number | undefined) => (value === undefined ? 'skipped' : formatMs(value));
printTable(
  ['query', 'rows', 'SQLite p50', 'SQLite p99', 'PostgreSQL p50', 'PostgreSQL p99', 'target p99'],
  list.map(({ name }) => {
    const lite = sqliteResults.get(name);
    const pgResult = postgresResults?.get(name);
    const miss = (lite?.p99 ?? 0) >= targetP99Ms || (pgResult?.p99 ?? 0) >= targetP99Ms;
    return [
      name,
      (lite?.rows ?? 0).toFixed(0),
      cell(lite?.p50),
      cell(lite?.p99),
      cell(pgResult?.p50),
      cell(pgResult?.p99),
      miss ? `< ${targetP99Ms} ms MISSED` : `< ${targetP99Ms} ms ok`,
    ];
  }),
);
