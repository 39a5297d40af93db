/**
 * Live chat: 1,000 concurrent widget connections on one Defuse node on loopback (the server in
 * its own process, SQLite), each sending customer messages at a steady rate. Measured: the
 * latency from a customer's send to the agent's screen event (an agent WebSocket on
 * /api/v1/events receiving message.created), the send-to-ack latency, and messages per second
 * sustained. Beside it, in the same run, a bare `ws` echo server with the same connections and
 * rate (send -> echo received).
 *
 * CHAT_BENCH_CONNECTIONS (1000), CHAT_BENCH_INTERVAL_MS (4000: each connection sends every 4 s,
 * within the widget's 1/s rate limit), CHAT_BENCH_SECONDS (20), CHAT_BENCH_WARMUP_SECONDS (3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { type ServerChild, startServerChild } from './support/child.ts';
import { formatMs, percentile, printTable } from './support/stats.ts';

const connections = Number(process.env.CHAT_BENCH_CONNECTIONS ?? 1000);
const intervalMs = Number(process.env.CHAT_BENCH_INTERVAL_MS ?? 4000);
const seconds = Number(process.env.CHAT_BENCH_SECONDS ?? 20);
const warmupSeconds = Number(process.env.CHAT_BENCH_WARMUP_SECONDS ?? 3);
const target = { p99Ms: 50 };

const customerLines = [
  'Hello, my parcel has not arrived yet. Can you check order {n}?',
  'This is the third time I write about order {n}. Nobody answers!',
  'I was charged twice for order {n}, please refund one payment.',
  'Thanks, that helps. When will order {n} be delivered?',
  'Your courier left order {n} at the wrong door again.',
];

interface Phase {
  name: string;
  sent: number;
  received: number;
  latencies: number[];
  ackLatencies: number[];
  errors: Map<string, number>;
  seconds: number;
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function inBatches<T>(count: number, batch: number, make: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    results.push(...(await Promise.all(Array.from({ length: size }, (_, offset) => make(start + offset)))));
  }
  return results;
}

/** Sends on every connection at the steady rate (starts staggered over one interval) for `duration` seconds. */
async function drive(
  sockets: WebSocket[],
  duration: number,
  sendOne: (socket: WebSocket, index: number, sequence: number) => void,
): Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const sequences = new Array<number>(sockets.length).fill(0);
  sockets.forEach((socket, index) => {
    const offset = (index / sockets.length) * intervalMs;
    timers.push(
      setTimeout(() => {
        const tick = () => {
          sequences[index] = (sequences[index] ?? 0) + 1;
          sendOne(socket, index, sequences[index] ?? 0);
        };
        tick();
        timers.push(setInterval(tick, intervalMs));
      }, offset),
    );
  });
  await new Promise((resolve) => setTimeout(resolve, duration * 1000));
  for (const timer of timers) clearInterval(timer);
  // Let the last sends arrive.
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

function newPhase(name: string, duration: number): Phase {
  return { name, sent: 0, received: 0, latencies: [], ackLatencies: [], errors: new Map(), seconds: duration };
}

async function measureDefuse(): Promise<{ phase: Phase; server: ServerChild; directory: string }> {
  const directory = mkdtempSync(join(tmpdir(), 'defuse-bench-chat-'));
  const server = await startServerChild('./serve-defuse.ts', {
    DATABASE_URL: `sqlite:${join(directory, 'defuse.sqlite')}`,
    WIDGET_ALLOWED_ORIGINS: '',
    // Every bench visitor starts from this one loopback address: lift the per-IP limit on e-mail-only starts.
    WIDGET_ANONYMOUS_STARTS_PER_MINUTE: String(Math.min(10_000, 2 * connections)),
  });
  const base = `127.0.0.1:${server.port}`;
  const sessions = await inBatches(connections, 50, async (index) => {
    const response = await fetch(`http://${base}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-visitor-${index}@example.test`, name: `Visitor ${index}` }),
    });
    if (response.status !== 201) throw new Error(`session ${index}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { token: string; sessionId: string };
  });

  // The agent's screen: one staff WebSocket receiving every message.created.
  // The socket opens with a single-use ticket asked for with the API token (never the token in the URL).
  const ticket = await fetch(`http://${base}/api/v1/events/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}` },
  });
  if (ticket.status !== 201) throw new Error(`events ticket: ${ticket.status} ${await ticket.text()}`);
  const agent = await openSocket(`ws://${base}/api/v1/events?ticket=${((await ticket.json()) as { ticket: string }).ticket}`);
  const sentAt = new Map<string, number>();
  let phase = newPhase('warm-up', warmupSeconds);
  agent.on('message', (data) => {
    const text = String(data);
    if (!text.startsWith('{"type":"message.created"')) return;
    const externalId = /"externalId":"([^"]+)"/.exec(text)?.[1];
    const started = externalId ? sentAt.get(externalId) : undefined;
    if (started === undefined || !externalId) return;
    sentAt.delete(externalId);
    phase.received += 1;
    phase.latencies.push(performance.now() - started);
  });

  const sockets = await inBatches(connections, 100, async (index) => {
    const session = sessions[index] as { token: string; sessionId: string };
    const socket = await openSocket(`ws://${base}/api/v1/widget/socket?token=${encodeURIComponent(session.token)}`);
    socket.on('message', (data) => {
      const text = String(data);
      if (text.startsWith('{"type":"ack"')) {
        const clientId = /"clientId":"([^"]+)"/.exec(text)?.[1];
        const started = clientId ? ackSentAt.get(`${session.sessionId}:${clientId}`) : undefined;
        if (started !== undefined) phase.ackLatencies.push(performance.now() - started);
      } else if (text.startsWith('{"type":"error"')) {
        const code = /"code":"([^"]+)"/.exec(text)?.[1] ?? 'unknown';
        phase.errors.set(code, (phase.errors.get(code) ?? 0) + 1);
      }
    });
    return socket;
  });
  const ackSentAt = new Map<string, number>();

  const send = (socket: WebSocket, index: number, sequence: number) => {
    const session = sessions[index] as { sessionId: string };
    const clientId = `m${phase.name === 'warm-up' ? 'w' : 'r'}${sequence.toString().padStart(6, '0')}`;
    const line = customerLines[(index + sequence) % customerLines.length] as string;
    const key = `${session.sessionId}:${clientId}`;
    const now = performance.now();
    sentAt.set(key, now);
    ackSentAt.set(key, now);
    phase.sent += 1;
    socket.send(JSON.stringify({ type: 'message', clientId, body: line.replace('{n}', String(1000 + index)) }));
  };
  if (warmupSeconds > 0) await drive(sockets, warmupSeconds, send);
  sentAt.clear();
  ackSentAt.clear();
  phase = newPhase('Defuse: widget send -> agent screen', seconds);
  await drive(sockets, seconds, send);
  for (const socket of sockets) socket.terminate();
  agent.terminate();
  return { phase, server, directory };
}

async function measureEcho(): Promise<Phase> {
  const server = await startServerChild('./serve-ws-echo.ts');
  const sockets = await inBatches(connections, 100, () => openSocket(`ws://127.0.0.1:${server.port}/`));
  let phase = newPhase('warm-up', warmupSeconds);
  for (const socket of sockets) {
    socket.on('message', (data) => {
      const started = Number(/"t":([0-9.]+)/.exec(String(data))?.[1]);
      phase.received += 1;
      phase.latencies.push(performance.now() - started);
    });
  }
  const send = (socket: WebSocket, index: number, sequence: number) => {
    phase.sent += 1;
    const line = (customerLines[(index + sequence) % customerLines.length] as string).replace('{n}', String(1000 + index));
    socket.send(JSON.stringify({ type: 'message', clientId: `m${sequence}`, body: line, t: performance.now() }));
  };
  if (warmupSeconds > 0) await drive(sockets, warmupSeconds, send);
  phase = newPhase('bare ws echo: send -> echo', seconds);
  await drive(sockets, seconds, send);
  for (const socket of sockets) socket.terminate();
  await server.stop('SIGTERM');
  return phase;
}

console.log(
  `chat bench: ${connections} connections, one message every ${intervalMs} ms each (${Math.round((connections * 1000) / intervalMs)} msg/s offered), ${seconds} s measured after ${warmupSeconds} s warm-up`,
);
const defuse = await measureDefuse();
await defuse.server.stop('SIGTERM');
rmSync(defuse.directory, { recursive: true, force: true });
const echo = await measureEcho();

const row = (phase: Phase) => [
  phase.name,
  String(connections),
  String(phase.sent),
  String(phase.received),
  (phase.received / phase.seconds).toFixed(0),
  formatMs(percentile(phase.latencies, 50)),
  formatMs(percentile(phase.latencies, 99)),
  formatMs(Math.max(...phase.latencies)),
  phase.ackLatencies.length ? formatMs(percentile(phase.ackLatencies, 99)) : '-',
  [...phase.errors].map(([code, count]) => `${code}:${count}`).join(' ') || '0',
];
console.log('');
printTable(
  ['scenario', 'conns', 'sent', 'received', 'msg/s', 'p50', 'p99', 'max', 'ack p99', 'errors'],
  [row(defuse.phase), row(echo)],
);
const p99 = percentile(defuse.phase.latencies, 99);
const lost = defuse.phase.sent - defuse.phase.received;
console.log('');
console.log(
  `target: p99 send -> agent screen < ${target.p99Ms} ms: ${p99 < target.p99Ms ? 'met' : 'NOT met'} (${formatMs(p99)}); ${lost} of ${defuse.phase.sent} messages not seen by the agent in time`,
);
