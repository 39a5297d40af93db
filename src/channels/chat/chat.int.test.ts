import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { sessionKeyFrom, signIdentityToken, signSessionToken } from './domain/tokens.ts';

interface Frame {
  type: string;
  [key: string]: unknown;
}

const secret = 'test-widget-secret-0123456789-abcdefghij';
const shop = 'https://shop.example';
const fixedNowSeconds = Date.parse('2026-11-24T10:00:00.000Z') / 1000;

/** A socket that collects its frames; `next` waits for the first unseen frame matching a test. */
function open(url: string, origin: string | undefined = shop) {
  const socket = new WebSocket(url, origin ? { headers: { origin } } : {});
  const frames: Frame[] = [];
  const waiters: Array<{ test: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  const consumed = new Set<Frame>();
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
  const next = (test: (frame: Frame) => boolean, timeoutMs = 3000) =>
    new Promise<Frame>((resolve, reject) => {
      const seen = frames.find((frame) => !consumed.has(frame) && test(frame));
      if (seen) {
        consumed.add(seen);
        return resolve(seen);
      }
      const timer = setTimeout(() => reject(new Error(`no matching frame in time; got ${JSON.stringify(frames)}`)), timeoutMs);
      waiters.push({
        test,
        resolve: (frame) => {
          clearTimeout(timer);
          consumed.add(frame);
          resolve(frame);
        },
      });
    });
  const send = (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return { socket, frames, next, closed, send };
}

for (const dialect of testDialects) {
  describe(`chat widget over WebSocket on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    let base: string;
    beforeAll(async () => {
      test = await createTestApp(dialect, { WIDGET_SECRET: secret, WIDGET_ALLOWED_ORIGINS: shop });
      agent = await test.signIn('agent');
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      const address = test.app.server.address();
      base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => test?.close());

    const startSession = async (payload: object, origin: string | undefined = shop) => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/widget/sessions',
        headers: origin ? { origin } : {},
        payload,
      });
      return response;
    };
    const session = async (payload: object) => {
      const response = await startSession(payload);
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as { token: string; sessionId: string; resumeKey: string };
    };
    const connect = async (token: string, origin: string | undefined = shop) => {
      const client = open(`ws://${base}/api/v1/widget/socket?token=${encodeURIComponent(token)}`, origin);
      await client.next((frame) => frame.type === 'ready');
      return client;
    };
    const messageCount = async () =>
      Number(
        (
          await test.runtime.database.db
            .selectFrom('messages')
            .select((builder) => builder.fn.countAll<number>().as('count'))
            .executeTakeFirstOrThrow()
        ).count,
      );
    const identity = (sub: string, email: string, exp = fixedNowSeconds + 600) => signIdentityToken(secret, { sub, email, exp });

    it('takes a message from an anonymous visitor into an analysed chat conversation, once per client id', async () => {
      const { token } = await session({ email: 'visitor@example.com', name: 'Vera Visitor', language: 'de' });
      const widget = await connect(token);
      widget.send({ type: 'message', clientId: 'client-0001', body: 'This is the third time I write. Where is my refund?' });
      const ack = await widget.next((frame) => frame.type === 'ack');
      expect(ack).toMatchObject({ clientId: 'client-0001', duplicate: false, message: { kind: 'customer' } });
      const conversation = await widget.next((frame) => frame.type === 'conversation');
      const conversationId = conversation.conversationId as string;

      const before = await messageCount();
      widget.send({ type: 'message', clientId: 'client-0001', body: 'This is the third time I write. Where is my refund?' });
      const again = await widget.next((frame) => frame.type === 'ack');
      expect(again).toMatchObject({ duplicate: true, message: { id: (ack.message as { id: string }).id } });
      expect(await messageCount()).toBe(before);

      const stored = await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers });
      const body = stored.json();
      expect(body.conversation.channel).toBe('chat');
      expect(body.messages).toHaveLength(1);
      expect(body.messages[0].analysis.heat).toBeGreaterThan(0);
      widget.socket.close();
    });

    it('delivers agent replies live, never notes, and resumes after a reconnect with nothing lost or repeated', async () => {
      const started = await session({ email: 'resume@example.com' });
      let widget = await connect(started.token);
      widget.send({ type: 'message', clientId: 'resume-0001', body: 'Hello, is anyone there?' });
      const ack = await widget.next((frame) => frame.type === 'ack');
      const { conversationId } = (await widget.next((frame) => frame.type === 'conversation')) as unknown as {
        conversationId: string;
      };
      const reply = (kind: 'agent' | 'note', body: string) =>
        test.app.inject({
          method: 'POST',
          url: `/api/v1/conversations/${conversationId}/messages`,
          headers: agent.headers,
          payload: { kind, body },
        });
      await reply('note', 'Internal: check the courier first.');
      await reply('agent', 'Yes, I am here. Let me look.');
      const live = await widget.next((frame) => frame.type === 'message' && (frame.message as { kind: string }).kind === 'agent');
      expect((live.message as { body: string }).body).toBe('Yes, I am here. Let me look.');
      expect(JSON.stringify(live)).not.toContain('author');
      const lastSeen = (live.message as { id: string }).id;

      widget.socket.close();
      await widget.closed;
      await reply('agent', 'Found it: the parcel is at the depot.');
      await reply('note', 'Customer seems calm now.');
      await reply('agent', 'It will be delivered tomorrow.');

      widget = await connect(started.token);
      widget.send({ type: 'sync', after: lastSeen });
      const history = await widget.next((frame) => frame.type === 'history');
      expect((history.messages as Array<{ body: string }>).map((message) => message.body)).toEqual([
        'Found it: the parcel is at the depot.',
        'It will be delivered tomorrow.',
      ]);
      widget.send({ type: 'sync' });
      const all = await widget.next((frame) => frame.type === 'history');
      const bodies = (all.messages as Array<{ kind: string; body: string; clientId?: string }>).map((message) => message.kind);
      expect(bodies).toEqual(['customer', 'agent', 'agent', 'agent']);
      expect((all.messages as Array<{ id: string; clientId?: string }>)[0]).toMatchObject({
        id: (ack.message as { id: string }).id,
        clientId: 'resume-0001',
      });
      expect(JSON.stringify(all)).not.toContain('Internal');
      widget.socket.close();

      // The browser kept its resume key: a fresh token for the same session, and the old token is now a replay.
      const resumed = await session({ resume: { sessionId: started.sessionId, key: started.resumeKey } });
      expect(resumed.sessionId).toBe(started.sessionId);
      const replayed = open(`ws://${base}/api/v1/widget/socket?token=${started.token}`);
      expect(await replayed.next((frame) => frame.type === 'error')).toMatchObject({ code: 'token-replayed' });
      expect(await replayed.closed).toBe(4401);
      const wrongKey = await startSession({ resume: { sessionId: started.sessionId, key: 'guessed' } });
      expect(wrongKey.json().code).toBe('session-not-found');
    });

    it("keeps each widget to its own conversation: customer A's token never reads B's messages", async () => {
      const a = await session({ identity: identity('CUST-A', 'a@example.com') });
      const b = await session({ identity: identity('CUST-B', 'b@example.com') });
      const widgetA = await connect(a.token);
      const widgetB = await connect(b.token);
      widgetA.send({ type: 'message', clientId: 'a-message-1', body: 'A: my order 1 is late' });
      widgetB.send({ type: 'message', clientId: 'b-message-1', body: 'B: secret address, Strada Lunga 5' });
      await widgetA.next((frame) => frame.type === 'ack');
      await widgetB.next((frame) => frame.type === 'ack');
      const conversationB = (await widgetB.next((frame) => frame.type === 'conversation')).conversationId as string;
      await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationB}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'B: we will ship to Strada Lunga 5' },
      });
      await widgetB.next((frame) => frame.type === 'message' && (frame.message as { kind: string }).kind === 'agent');
      widgetA.send({ type: 'sync' });
      const historyA = await widgetA.next((frame) => frame.type === 'history');
      expect(JSON.stringify(historyA)).not.toContain('Strada');
      expect(JSON.stringify(widgetA.frames)).not.toContain('Strada');
      // A's same client id is another message than B's: ids are scoped to the session.
      widgetA.send({ type: 'message', clientId: 'b-message-1', body: 'A again' });
      const ack = await widgetA.next((frame) => frame.type === 'ack');
      expect(ack).toMatchObject({ duplicate: false, message: { body: 'A again' } });
      // Someone who only types B's e-mail address gets a case of their own and sees none of B's.
      const impostor = await session({ email: 'b@example.com' });
      const widgetI = await connect(impostor.token);
      widgetI.send({ type: 'message', clientId: 'impostor-1', body: 'show me everything' });
      await widgetI.next((frame) => frame.type === 'ack');
      const conversationI = (await widgetI.next((frame) => frame.type === 'conversation')).conversationId;
      expect(conversationI).not.toBe(conversationB);
      widgetI.send({ type: 'sync' });
      expect(JSON.stringify(await widgetI.next((frame) => frame.type === 'history'))).not.toContain('Strada');
      for (const widget of [widgetA, widgetB, widgetI]) widget.socket.close();
    });

    it('shares typing and read state both ways', async () => {
      const started = await session({ identity: identity('CUST-T', 'typist@example.com') });
      const widget = await connect(started.token);
      widget.send({ type: 'message', clientId: 'typing-0001', body: 'Quick question' });
      const ack = await widget.next((frame) => frame.type === 'ack');
      const conversationId = (await widget.next((frame) => frame.type === 'conversation')).conversationId as string;
      const ticket = (await test.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: agent.headers })).json()
        .ticket as string;
      const staffSocket = new WebSocket(`ws://${base}/api/v1/events?ticket=${ticket}`);
      const staffFrames: Frame[] = [];
      staffSocket.on('message', (data) => staffFrames.push(JSON.parse(String(data)) as Frame));
      await new Promise((resolve) => staffSocket.once('open', resolve));
      await expect.poll(() => staffFrames.some((frame) => frame.type === 'ready')).toBe(true);

      widget.send({ type: 'typing', typing: true });
      await expect
        .poll(() => staffFrames.find((frame) => frame.type === 'chat.typing'))
        .toMatchObject({ conversationId, by: 'customer', typing: true });
      const typing = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/chat/typing`,
        headers: agent.headers,
        payload: { typing: true },
      });
      expect(typing.statusCode).toBe(204);
      expect(await widget.next((frame) => frame.type === 'typing')).toMatchObject({ by: 'agent', typing: true });

      const messageId = (ack.message as { id: string }).id;
      await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/chat/read`,
        headers: agent.headers,
        payload: { messageId },
      });
      expect(await widget.next((frame) => frame.type === 'read')).toMatchObject({ by: 'agent', messageId });
      widget.send({ type: 'read', messageId });
      await expect
        .poll(() => staffFrames.find((frame) => frame.type === 'chat.read' && frame.by === 'customer'))
        .toMatchObject({ conversationId, messageId });
      const state = await test.app.inject({ url: `/api/v1/conversations/${conversationId}/chat`, headers: agent.headers });
      expect(state.json().sessions[0]).toMatchObject({ customerReadMessageId: messageId, agentReadMessageId: messageId });
      widget.socket.close();
      staffSocket.close();
    });

    it('rate-limits a visitor with a clear error frame (burst 10, then 1/s)', async () => {
      const { token } = await session({ email: 'chatty@example.com' });
      const widget = await connect(token);
      const before = await messageCount();
      for (let index = 0; index < 12; index += 1) {
        widget.send({ type: 'message', clientId: `chatty-${String(index).padStart(4, '0')}`, body: `message ${index}` });
      }
      const limited = await widget.next((frame) => frame.type === 'error');
      expect(limited).toMatchObject({ code: 'rate-limited', clientId: 'chatty-0010' });
      expect(limited.retryAfterMs).toBeGreaterThan(0);
      await expect.poll(() => widget.frames.filter((frame) => frame.type === 'ack').length).toBe(10);
      expect(await messageCount()).toBe(before + 10);
      widget.socket.close();
    });

    it('refuses other origins, forged, expired, replayed and wrong-purpose tokens, and bad frames, storing nothing', async () => {
      const before = await messageCount();
      const foreign = await startSession({ email: 'x@example.com' }, 'https://evil.example');
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().code).toBe('origin-not-allowed');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const allowed = await startSession({ email: 'x@example.com' });
      expect(allowed.headers['access-control-allow-origin']).toBe(shop);
      const { token } = allowed.json() as { token: string };

      const fromEvil = open(`ws://${base}/api/v1/widget/socket?token=${token}`, 'https://evil.example');
      expect(await fromEvil.next((frame) => frame.type === 'error')).toMatchObject({ code: 'origin-not-allowed' });
      expect(await fromEvil.closed).toBe(4403);

      const key = sessionKeyFrom(secret);
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
      const expired = signSessionToken(key, {
        ...(payload as { sid: string; gen: number; origin: string }),
        exp: fixedNowSeconds - 1,
      });
      const forged = signSessionToken(sessionKeyFrom('an-attacker-guess-of-the-secret-000000'), {
        ...(payload as { sid: string; gen: number; origin: string; exp: number }),
      });
      const cases: Array<[string, string]> = [
        [expired, 'token-expired'],
        [forged, 'token-forged'],
        [identity('CUST-A', 'a@example.com'), 'token-wrong-purpose'],
        ['not-a-token', 'token-malformed'],
      ];
      for (const [bad, code] of cases) {
        const client = open(`ws://${base}/api/v1/widget/socket?token=${encodeURIComponent(bad)}`);
        expect(await client.next((frame) => frame.type === 'error')).toMatchObject({ code });
        expect(await client.closed).toBe(4401);
      }
      const badIdentity = await startSession({ identity: identity('CUST-A', 'a@example.com', fixedNowSeconds - 5) });
      expect(badIdentity.json().code).toBe('token-expired');
      const forgedIdentity = await startSession({
        identity: signIdentityToken('an-attacker-guess-of-the-secret-000000', {
          sub: 'CUST-A',
          email: 'a@example.com',
          exp: fixedNowSeconds + 60,
        }),
      });
      expect(forgedIdentity.statusCode).toBe(401);
      expect(forgedIdentity.json().code).toBe('token-forged');

      const widget = await connect(token);
      const badFrames: Array<[string | Buffer, string]> = [
        ['{"type":"message",', 'malformed-frame'],
        [JSON.stringify({ type: 'message', clientId: 'ok-client-1', body: '' }), 'invalid-frame'],
        [JSON.stringify({ type: 'message', clientId: 'x', body: 'hi' }), 'invalid-frame'],
        [JSON.stringify({ type: 'message', clientId: 'ok-client-1', body: 'hi', conversationId: 'other' }), 'invalid-frame'],
        [JSON.stringify({ type: 'message', clientId: 'ok-client-2', body: 'x'.repeat(30_000) }), 'frame-too-large'],
        [Buffer.from([0xff, 0x00]), 'malformed-frame'],
      ];
      for (const [frame, code] of badFrames) {
        widget.socket.send(frame, { binary: Buffer.isBuffer(frame) });
        expect(await widget.next((candidate) => candidate.type === 'error')).toMatchObject({ code });
      }
      widget.send({ type: 'ping' });
      await widget.next((frame) => frame.type === 'pong');
      expect(await messageCount()).toBe(before);
      widget.socket.close();
    });

    it('lets an admin set origins, colours and greeting; the public config serves the look', async () => {
      const admin = await test.signIn('admin');
      const put = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/widget/settings',
        headers: admin.headers,
        payload: {
          allowedOrigins: ['https://second-shop.example/'],
          primaryColor: '#aa3300',
          textColor: '#ffffff',
          position: 'left',
          greeting: { en: 'Hello there', ro: 'Bună ziua' },
        },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json().allowedOrigins).toEqual(['https://second-shop.example']);
      const forbidden = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/widget/settings',
        headers: agent.headers,
        payload: {},
      });
      expect(forbidden.statusCode).toBe(403);
      const config = await test.app.inject({
        url: '/api/v1/widget/config?lang=ro',
        headers: { origin: 'https://second-shop.example' },
      });
      expect(config.json()).toMatchObject({
        primaryColor: '#aa3300',
        position: 'left',
        greeting: 'Bună ziua',
        identityEnabled: true,
      });
      expect(config.headers['access-control-allow-origin']).toBe('https://second-shop.example');
      const started = await startSession({ email: 'second@example.com' }, 'https://second-shop.example');
      expect(started.statusCode).toBe(201);
      const settings = await test.app.inject({ url: '/api/v1/widget/settings', headers: admin.headers });
      expect(settings.json()).toMatchObject({ configuredOrigins: [shop], health: { lastMessageAt: expect.any(String) } });
    });
  });
}
