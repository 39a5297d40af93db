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

    it('refuses a socket without a session', async () => {
      const socket = new WebSocket(`ws://${base}/api/v1/events`);
      const status = await new Promise<number>((resolve) =>
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
      );
      expect(status).toBe(401);
    });

    it('delivers a new inbound message and a status change to a signed-in screen within a second', async () => {
      const screen = await connect(`ws://${base}/api/v1/events`, { cookie: agent.cookie });
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

    it('accepts an API token for integrations, and refuses a socket from another origin', async () => {
      const admin = await test.signIn('admin');
      const token = (
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: admin.headers,
          payload: { name: 'wall display', role: 'qa' },
        })
      ).json().secret as string;
      const display = await connect(`ws://${base}/api/v1/events?access_token=${token}`);
      expect(display.frames[0]?.type).toBe('ready');
      display.socket.close();
      const foreign = new WebSocket(`ws://${base}/api/v1/events`, {
        headers: { cookie: agent.cookie, origin: 'https://evil.example' },
      });
      const code = await new Promise<number>((resolve) => foreign.on('close', (closeCode) => resolve(closeCode)));
      expect(code).toBe(4401);
    });

    it('alerts managers live when a customer turns abusive, and not agents', async () => {
      const manager = await test.signIn('manager');
      const managerScreen = await connect(`ws://${base}/api/v1/events`, { cookie: manager.cookie });
      const agentScreen = await connect(`ws://${base}/api/v1/events`, { cookie: agent.cookie });
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
      const screen = await connect(`ws://${base}/api/v1/events`, { cookie: qa.cookie });
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

  it('a message stored through node A appears on a screen connected to node B', async () => {
    const agent = await first.signIn('agent');
    const screen = await connect(`ws://${secondBase}/api/v1/events`, { cookie: agent.cookie });
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
