/**
 * Ingest throughput: how many customer messages per second the real Defuse server acknowledges on
 * POST /api/v1/inbound (SQLite, default synchronous mode), at what latency, beside a bare Fastify
 * route that only parses the same JSON. Each server runs in its own process so the load generator
 * (autocannon, this process) never shares its event loop. Afterwards the server is SIGKILLed and
 * the SQLite file is read back: every acknowledged message must be there.
 *
 * BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (50), BENCH_CUSTOMERS (5000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type AutocannonResult } from 'autocannon';
import SqliteDatabase from 'better-sqlite3';
import { startServerChild } from './support/child.ts';
import { inboundBodies } from './support/messages.ts';
import { printTable } from './support/stats.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const customers = Number(process.env.BENCH_CUSTOMERS ?? 5000);
const targets = { messagesPerSecond: 3000, p99Ms: 30 };

/** Message ids the server acknowledged with a 2xx, read from the response bodies. */
const acknowledged = new Set<string>();

async function load(port: number, token: string, duration: number, seed: number): Promise<AutocannonResult> {
  const nextBody = inboundBodies({ customers, seed, runId: `${seed}` });
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/inbound',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (request) => ({ ...request, body: nextBody() }),
        onResponse: (status, body) => {
          if (status < 200 || status > 299) return;
          const id = /"externalId":"(bench-[^"]+)"/.exec(body)?.[1];
          if (id) acknowledged.add(id);
        },
      },
    ],
  });
}

async function measure(script: string, env: Record<string, string>, seed: number) {
  const server = await startServerChild(script, env);
  if (warmupSeconds > 0) await load(server.port, server.token, warmupSeconds, seed);
  const result = await load(server.port, server.token, seconds, seed + 1);
  return { server, result };
}

const directory = mkdtempSync(join(tmpdir(), 'defuse-bench-ingest-'));
const databasePath = join(directory, 'defuse.sqlite');
const synchronous = process.env.SQLITE_SYNCHRONOUS || 'normal (config default)';
console.log(`Ingest benchmark: ${connections} connections, ${seconds} s (+${warmupSeconds} s warm-up), ${customers} senders`);
console.log(`SQLite file ${databasePath}, synchronous=${synchronous}\n`);

const defuse = await measure('./serve-defuse.ts', { DATABASE_URL: `sqlite:${databasePath}` }, 1);
// A crash, not a clean shutdown: only what was committed before the kill may count.
await new Promise((resolve) => setTimeout(resolve, 500));
await defuse.server.stop('SIGKILL');
const bare = await measure('./serve-bare.ts', {}, 1);
await bare.server.stop('SIGTERM');

const perSecond = (result: AutocannonResult) => result['2xx'] / result.duration;
const d = defuse.result;
const b = bare.result;
printTable(
  ['', 'Defuse /inbound', 'bare Fastify', 'Defuse / bare', 'target'],
  [
    [
      '2xx (acknowledged) / s',
      perSecond(d).toFixed(0),
      perSecond(b).toFixed(0),
      `${((100 * perSecond(d)) / perSecond(b)).toFixed(1)} %`,
      `≥ ${targets.messagesPerSecond}`,
    ],
    [
      'latency p50',
      `${d.latency.p50} ms`,
      `${b.latency.p50} ms`,
      `${(d.latency.p50 / Math.max(b.latency.p50, 1)).toFixed(1)}×`,
      '',
    ],
    [
      'latency p99',
      `${d.latency.p99} ms`,
      `${b.latency.p99} ms`,
      `${(d.latency.p99 / Math.max(b.latency.p99, 1)).toFixed(1)}×`,
      `< ${targets.p99Ms} ms`,
    ],
    ['latency max', `${d.latency.max} ms`, `${b.latency.max} ms`, '', ''],
    ['2xx responses', String(d['2xx']), String(b['2xx']), '', ''],
    ['non-2xx responses', String(d.non2xx), String(b.non2xx), '', '0'],
    ['errors / timeouts', `${d.errors} / ${d.timeouts}`, `${b.errors} / ${b.timeouts}`, '', '0 / 0'],
  ],
);
const meets = perSecond(d) >= targets.messagesPerSecond && d.latency.p99 < targets.p99Ms && d.non2xx === 0;
console.log(
  `\nDefuse ${meets ? 'MEETS' : 'MISSES'} the target (≥ ${targets.messagesPerSecond} msg/s, p99 < ${targets.p99Ms} ms, no errors).`,
);
if (d.non2xx > 0) console.log(`Defuse status codes: ${JSON.stringify(d.statusCodeStats)}`);

// Durability: after SIGKILL, every acknowledged message (warm-up included) must be in the file.
const sqlite = new SqliteDatabase(databasePath);
const stored = new Set(
  (sqlite.prepare("select external_id from messages where kind = 'customer'").pluck().all() as string[]).filter(Boolean),
);
const counts = sqlite
  .prepare('select (select count(*) from customers) as customers, (select count(*) from conversations) as conversations')
  .get() as { customers: number; conversations: number };
sqlite.close();
const lost = [...acknowledged].filter((id) => !stored.has(id));
console.log('\nDurability after SIGKILL (warm-up + measured run):');
printTable(
  [
    'acknowledged (2xx)',
    'messages in file',
    'acknowledged but missing',
    'stored, reply cut off at stop',
    'customers',
    'conversations',
  ],
  [
    [
      String(acknowledged.size),
      String(stored.size),
      String(lost.length),
      String(stored.size - (acknowledged.size - lost.length)),
      String(counts.customers),
      String(counts.conversations),
    ],
  ],
);
console.log(
  lost.length === 0
    ? `Durable: every acknowledged message is in the file${stored.size === acknowledged.size ? ' and the counts are equal.' : '; the extra rows are requests still in flight when the load stopped (at most one per connection).'}`
    : `LOST ${lost.length} acknowledged messages, e.g. ${lost.slice(0, 3).join(', ')}`,
);

if (process.env.BENCH_KEEP !== '1') rmSync(directory, { recursive: true, force: true });
process.exitCode = lost.length === 0 ? 0 : 1;
