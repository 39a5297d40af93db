import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type SignedIn, type TestApp } from '../../test/support/test-app.ts';
import { testDialects } from '../../test/support/test-databases.ts';
import { buildApp } from '../app.ts';
import { startRuntime } from '../platform/runtime.ts';

interface Frame {
  type: string;
  [key: string]: unknown;
}

/** Opens a socket and collects its frames; `next` waits for the first frame matching a test. */
async function connect(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  const waiters: Array<{ test: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.test(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const next = (test: (frame: Frame) => boolean, timeoutMs = 2000) =>
    new Promise<Frame>((resolve, reject) => {
      const seen = frames.find(test);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error('no matching frame in time')), timeoutMs);
      waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  await next((frame) => frame.type === 'ready');
  return { socket, frames, next, closed };
}

/** Asks for a single-use events ticket (cookie session with CSRF header, or a bearer token). */
async function ticketFor(app: TestApp['app'], headers: Record<string, string>): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers });
  if (response.statusCode !== 201) throw new Error(`no ticket: ${response.statusCode} ${response.body}`);
  return response.json().ticket as string;
}

/** The HTTP status a refused upgrade answers with. */
function refusedWith(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url, { headers });
  return new Promise<number>((resolve) => {
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => resolve(101));
  });
}

for (const dialect of testDialects) {
  describe(`live events over WebSocket on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    let base: string;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      const address = test.app.server.address();
      base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => test?.close());

    const eventsUrl = async (signedIn: SignedIn = agent) =>
      `ws://${base}/api/v1/events?ticket=${await ticketFor(test.app, signedIn.headers)}`;

    it('refuses a socket without a ticket, with a made-up one, and with the session cookie alone', async () => {
      expect(await refusedWith(`ws://${base}/api/v1/events`)).toBe(401);
      expect(await refusedWith(`ws://${base}/api/v1/events?ticket=made-up`)).toBe(401);
      expect(await refusedWith(`ws://${base}/api/v1/events`, { cookie: agent.cookie })).toBe(401);
    });

    it('issues tickets only to signed-in staff, with the CSRF header on a cookie session', async () => {
      const anonymous = await test.app.inject({ method: 'POST', url: '/api/v1/events/ticket' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      const withoutCsrf = await test.app.inject({
        method: 'POST',
        url: '/api/v1/events/ticket',
        headers: { cookie: agent.cookie },
      });
      expect(withoutCsrf.statusCode).toBe(403);
      const issued = await test.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: agent.headers });
      expect(issued.statusCode).toBe(201);
      expect(issued.json().expiresInSeconds).toBe(30);
      expect(issued.headers['cache-control']).toBe('no-store');
      // Only the hash is stored.
      const stored = await test.runtime.database.db.selectFrom('event_tickets').select('ticket_hash').execute();
      expect(stored.map((row) => row.ticket_hash)).not.toContain(issued.json().ticket);
    });

    it('opens a socket once per ticket: a reused or expired ticket is refused', async () => {
      const ticket = await ticketFor(test.app, agent.headers);
      const screen = await connect(`ws://${base}/api/v1/events?ticket=${ticket}`);
      expect(screen.frames[0]).toEqual({ type: 'ready', userId: test.users.agent.id });
      expect(await refusedWith(`ws://${base}/api/v1/events?ticket=${ticket}`)).toBe(401);
      screen.socket.close();

      const late = await ticketFor(test.app, agent.headers);
      test.clock.advance(31_000);
      expect(await refusedWith(`ws://${base}/api/v1/events?ticket=${late}`)).toBe(401);
    });

    it('lets two sockets racing with one ticket open exactly one', async () => {
      const ticket = await ticketFor(test.app, agent.headers);
      const outcomes = await Promise.all(
        Array.from({ length: 4 }, () => refusedWith(`ws://${base}/api/v1/events?ticket=${ticket}`)),
      );
      expect(outcomes.filter((status) => status === 101)).toHaveLength(1);
      expect(outcomes.filter((status) => status === 401)).toHaveLength(3);
    });

    it('delivers a new inbound message and a status change to a signed-in screen within a second', async () => {
      const screen = await connect(await eventsUrl());
      const started = Date.now();
      const inbound = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: agent.headers,
        payload: { channel: 'chat', from: { email: 'live@example.com' }, body: 'Are you there?' },
      });
      const conversationId = inbound.json().conversation.id as string;
      const event = await screen.next(
        (frame) => frame.type === 'message.created' && frame.conversationId === conversationId,
        1000,
      );
      expect(Date.now() - started).toBeLessThan(1000);
      expect((event.message as { body: string }).body).toBe('Are you there?');
      await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/conversations/${conversationId}`,
        headers: agent.headers,
        payload: { status: 'pending' },
      });
      const update = await screen.next(
        (frame) => frame.type === 'conversation.updated' && frame.conversationId === conversationId,
        1000,
      );
      expect((update.conversation as { status: string }).status).toBe('pending');
      screen.socket.send(JSON.stringify({ type: 'ping' }));
      await screen.next((frame) => frame.type === 'pong');
      screen.socket.close();
    });

    it('gives integrations a ticket for their API token, never the token in the URL, and refuses other origins', async () => {
      const admin = await test.signIn('admin');
      const token = (
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: admin.headers,
          payload: { name: 'wall display', role: 'qa' },
        })
      ).json().secret as string;
      expect(await refusedWith(`ws://${base}/api/v1/events?access_token=${token}`)).toBe(401);
      const bearer = { authorization: `Bearer ${token}` };
      const display = await connect(`ws://${base}/api/v1/events?ticket=${await ticketFor(test.app, bearer)}`, {
        origin: 'https://wall-display.example',
      });
      expect(display.frames[0]?.type).toBe('ready');
      display.socket.close();
      for (const origin of ['https://evil.example', 'null', 'not a url']) {
        const foreign = new WebSocket(await eventsUrl(), { headers: { origin } });
        const code = await new Promise<number>((resolve) => foreign.on('close', (closeCode) => resolve(closeCode)));
        expect(code, origin).toBe(4403);
      }
      // Nothing threw on the way: the server still answers.
      expect((await test.app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    });

    it('alerts managers live when a customer turns abusive, and not agents', async () => {
      const manager = await test.signIn('manager');
      const managerScreen = await connect(await eventsUrl(manager));
      const agentScreen = await connect(await eventsUrl());
      const inbound = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: agent.headers,
        payload: {
          channel: 'chat',
          from: { email: 'rude@example.com' },
          body: 'You stupid idiot, I will find you and hurt you.',
        },
      });
      const alert = await managerScreen.next((frame) => frame.type === 'abuse.detected', 1000);
      expect(alert.conversationId).toBe(inbound.json().conversation.id);
      expect(alert.kinds).toEqual(expect.arrayContaining(['threat']));
      await agentScreen.next((frame) => frame.type === 'message.created' && frame.conversationId === alert.conversationId);
      expect(agentScreen.frames.some((frame) => frame.type === 'abuse.detected')).toBe(false);
      managerScreen.socket.close();
      agentScreen.socket.close();
    });

    it('closes the sockets of a user the moment an admin deactivates them', async () => {
      const admin = await test.signIn('admin');
      const qa = await test.signIn('qa');
      const screen = await connect(await eventsUrl(qa));
      await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${test.users.qa.id}`,
        headers: admin.headers,
        payload: { active: false },
      });
      expect(await screen.closed).toBe(4401);
    });
  });
}

describe.runIf(testDialects.includes('postgres'))('live events across two Defuse nodes sharing PostgreSQL', () => {
  let first: TestApp;
  let secondClose: () => Promise<void>;
  let secondBase: string;
  beforeAll(async () => {
    first = await createTestApp('postgres');
    // A second stateless node on the same database, as behind a load balancer.
    const runtime = await startRuntime(first.config);
    const second = await buildApp({
      config: first.config,
      db: runtime.database.db,
      clock: first.clock,
      events: runtime.events,
      writes: runtime.writes,
      logger: false,
    });
    await second.listen({ port: 0, host: '127.0.0.1' });
    const address = second.server.address();
    secondBase = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    secondClose = async () => {
      await second.close();
      await runtime.close();
    };
  });
  afterAll(async () => {
    await secondClose?.();
    await first?.close();
  });

  it('a ticket issued by node A opens a socket on node B, where a message stored through node A appears', async () => {
    const agent = await first.signIn('agent');
    const ticket = await ticketFor(first.app, agent.headers);
    const screen = await connect(`ws://${secondBase}/api/v1/events?ticket=${ticket}`);
    const inbound = await first.app.inject({
      method: 'POST',
      url: '/api/v1/inbound',
      headers: agent.headers,
      payload: { channel: 'email', from: { email: 'two-nodes@example.com' }, body: 'Hello from node A' },
    });
    const event = await screen.next(
      (frame) => frame.type === 'message.created' && frame.conversationId === inbound.json().conversation.id,
      1000,
    );
    expect((event.message as { body: string }).body).toBe('Hello from node A');
    screen.socket.close();
  });
});
