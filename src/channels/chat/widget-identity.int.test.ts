import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import type { ChannelDeps } from '../channel-deps.ts';
import { type RunningEmailChannel, startEmailChannelWith } from '../email/index.ts';
import { type SmtpSink, startSmtpSink } from '../email/test-support/smtp-sink.ts';
import { signIdentityToken } from './domain/tokens.ts';

interface Frame {
  type: string;
  [key: string]: unknown;
}

const secret = 'test-widget-secret-0123456789-abcdefghij';
const shop = 'https://shop.example';
const fixedNowSeconds = Date.parse('2026-11-24T10:00:00.000Z') / 1000;

function openWidget(url: string) {
  const socket = new WebSocket(url, { headers: { origin: shop } });
  const frames: Frame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  const waitFor = async (test: (frame: Frame) => boolean) => {
    await expect.poll(() => frames.find(test), { timeout: 3000 }).toBeTruthy();
    return frames.find(test) as Frame;
  };
  return { socket, frames, waitFor };
}

for (const dialect of testDialects) {
  describe(`widget identity: unverified visitors, e-mailed codes and start limits on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    let base: string;
    let sink: SmtpSink;
    let email: RunningEmailChannel;
    let vipId: string;

    beforeAll(async () => {
      sink = await startSmtpSink();
      test = await createTestApp(dialect, {
        WIDGET_SECRET: secret,
        WIDGET_ALLOWED_ORIGINS: shop,
        SUPPORT_ADDRESSES: 'support@shop.example',
        SMTP_INBOUND_ENABLED: 'false',
        OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        JOB_POLL_INTERVAL_MS: '50',
      });
      const db = test.runtime.database.db;
      const channelDeps: ChannelDeps = {
        config: test.config,
        db,
        clock: test.clock,
        events: test.runtime.events,
        conversations: { db, clock: test.clock, events: test.runtime.events, writes: test.runtime.writes },
      };
      email = await startEmailChannelWith(channelDeps, { log: () => undefined, imapMailbox: () => ({}) as never });
      agent = await test.signIn('agent');
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      const address = test.app.server.address();
      base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const manager = await test.signIn('manager');
      const vip = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: manager.headers,
        payload: { name: 'Victoria Important', emails: ['vip@example.com'], phones: ['+40 721 000 111'], tier: 'vip' },
      });
      expect(vip.statusCode, vip.body).toBe(201);
      vipId = vip.json().id;
      const order = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: manager.headers,
        payload: {
          customerId: vipId,
          reference: 'VIP-ORDER-1',
          amount: { amountMinor: 990000, currency: 'EUR' },
          status: 'placed',
          description: 'Diamond ring',
          orderedAt: '2026-11-01T10:00:00.000Z',
        },
      });
      expect(order.statusCode, order.body).toBe(201);
    });
    afterAll(async () => {
      await email?.stop();
      await test?.close();
      await sink?.close();
    });

    const start = (payload: object, remoteAddress = '127.0.0.1') =>
      test.app.inject({ method: 'POST', url: '/api/v1/widget/sessions', headers: { origin: shop }, payload, remoteAddress });
    const post = (url: string, payload: object) =>
      test.app.inject({ method: 'POST', url: `/api/v1/widget/${url}`, headers: { origin: shop }, payload });
    const codeSentTo = async (address: string, count: number) => {
      await expect
        .poll(() => sink.received.filter((mail) => mail.envelopeTo.includes(address)).length, { timeout: 5000 })
        .toBe(count);
      const mail = sink.received.filter((candidate) => candidate.envelopeTo.includes(address)).at(-1);
      const code = /\b(\d{6})\b/.exec(mail?.parsed.text ?? '')?.[1];
      if (!code) throw new Error(`no code in ${mail?.parsed.text}`);
      return code;
    };
    const sendOverSocket = async (token: string, clientId: string, body: string) => {
      const widget = openWidget(`ws://${base}/api/v1/widget/socket?token=${encodeURIComponent(token)}`);
      await widget.waitFor((frame) => frame.type === 'ready');
      widget.socket.send(JSON.stringify({ type: 'message', clientId, body }));
      await widget.waitFor((frame) => frame.type === 'ack');
      const conversationId = (await widget.waitFor((frame) => frame.type === 'conversation')).conversationId as string;
      return { widget, conversationId };
    };

    it("never attaches an e-mail-only visitor to the VIP who owns that address, nor shows the VIP's record", async () => {
      const started = await start({ email: 'vip@example.com', name: 'Victoria Important' });
      expect(started.statusCode, started.body).toBe(201);
      expect(started.json().verification).toBe('email');
      const { widget, conversationId } = await sendOverSocket(
        started.json().token,
        'impostor-01',
        'Please tell me my order status',
      );
      widget.socket.close();

      const view = await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers });
      const customer = view.json().conversation.customer as { id: string; name: string; tier: string };
      expect(customer.id).not.toBe(vipId);
      expect(customer.name).toMatch(/^Unverified visitor/);
      expect(customer.tier).not.toBe('vip');
      const orders = await test.app.inject({ url: `/api/v1/customers/${customer.id}/orders`, headers: agent.headers });
      expect(JSON.stringify(orders.json())).not.toContain('VIP-ORDER-1');
      const standIn = await test.app.inject({ url: `/api/v1/customers/${customer.id}`, headers: agent.headers });
      expect(standIn.json().emails).toEqual([]);
      const chat = await test.app.inject({ url: `/api/v1/conversations/${conversationId}/chat`, headers: agent.headers });
      expect(chat.json().sessions[0]).toMatchObject({ verification: 'email', email: 'vip@example.com' });
      const vipCases = await test.app.inject({ url: `/api/v1/conversations?customerId=${vipId}`, headers: agent.headers });
      expect(vipCases.statusCode).toBe(200);
      expect(JSON.stringify(vipCases.json())).not.toContain(conversationId);
    });

    it("verifies the address with an e-mailed code: the case moves to the real customer; wrong, replayed and other sessions' codes are refused", async () => {
      const started = (await start({ email: 'vip@example.com' })).json() as { token: string };
      const { widget, conversationId } = await sendOverSocket(started.token, 'verify-0001', 'It is really me');
      const standInId = (await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers })).json()
        .conversation.customer.id as string;

      const mailsBefore = sink.received.filter((mail) => mail.envelopeTo.includes('vip@example.com')).length;
      const requested = await post('verification', { token: started.token });
      expect(requested.statusCode, requested.body).toBe(202);
      expect(requested.json()).toMatchObject({ sentTo: 'vip@example.com' });
      const code = await codeSentTo('vip@example.com', mailsBefore + 1);

      // Another unverified session cannot use this session's code.
      const other = (await start({ email: 'vip@example.com' })).json() as { token: string };
      expect((await post('verification/confirm', { token: other.token, code })).json().code).toBe('verification-code-invalid');

      const wrong = await post('verification/confirm', { token: started.token, code: code === '000000' ? '111111' : '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json().code).toBe('verification-code-invalid');
      const malformed = await post('verification/confirm', { token: started.token, code: '12ab' });
      expect(malformed.statusCode).toBe(400);

      const confirmed = await post('verification/confirm', { token: started.token, code });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json()).toEqual({ verification: 'verified' });
      const replayed = await post('verification/confirm', { token: started.token, code });
      expect(replayed.statusCode).toBe(409);
      expect(replayed.json().code).toBe('already-verified');

      const view = await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers });
      expect(view.json().conversation.customer.id).toBe(vipId);
      expect((await test.app.inject({ url: `/api/v1/customers/${standInId}`, headers: agent.headers })).statusCode).toBe(404);
      const chat = await test.app.inject({ url: `/api/v1/conversations/${conversationId}/chat`, headers: agent.headers });
      expect(chat.json().sessions[0]).toMatchObject({ verification: 'verified' });
      const admin = await test.signIn('admin');
      const audit = await test.app.inject({ url: `/api/v1/audit?subjectId=${conversationId}`, headers: admin.headers });
      expect(audit.json().items.find((item: { action: string }) => item.action === 'chat.visitor-verified')).toMatchObject({
        actor: null,
        details: { customerId: vipId },
      });

      // The open widget still gets the agent's replies, and its next message lands in the same case.
      await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'Thank you, Victoria, I can see your order now.' },
      });
      await widget.waitFor((frame) => frame.type === 'message' && (frame.message as { kind: string }).kind === 'agent');
      widget.socket.send(JSON.stringify({ type: 'message', clientId: 'verify-0002', body: 'Great' }));
      await widget.waitFor((frame) => frame.type === 'ack' && frame.clientId === 'verify-0002');
      const after = await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers });
      expect(after.json().messages.map((message: { body: string }) => message.body)).toContain('Great');
      widget.socket.close();
    });

    it('refuses an expired code and a code after too many wrong tries; a new code voids the old one', async () => {
      const started = (await start({ email: 'expiry@example.com' })).json() as { token: string };
      expect((await post('verification', { token: started.token })).statusCode).toBe(202);
      const first = await codeSentTo('expiry@example.com', 1);
      test.clock.advance(11 * 60_000);
      const expired = await post('verification/confirm', { token: started.token, code: first });
      expect(expired.json().code).toBe('verification-code-expired');

      expect((await post('verification', { token: started.token })).statusCode).toBe(202);
      const second = await codeSentTo('expiry@example.com', 2);
      expect((await post('verification', { token: started.token })).statusCode).toBe(202);
      const third = await codeSentTo('expiry@example.com', 3);
      if (second !== third) {
        expect((await post('verification/confirm', { token: started.token, code: second })).json().code).toBe(
          'verification-code-invalid',
        );
      }
      const wrong = third === '999999' ? '999998' : '999999';
      for (let attempt = 0; attempt < 5; attempt += 1) await post('verification/confirm', { token: started.token, code: wrong });
      const tooLate = await post('verification/confirm', { token: started.token, code: third });
      expect(tooLate.json().code).toBe('verification-code-invalid');
      test.clock.advance(-11 * 60_000);
    });

    it('treats a signed identity token as verified', async () => {
      const identity = signIdentityToken(secret, { sub: 'SHOP-VIP', email: 'signed@example.com', exp: fixedNowSeconds + 600 });
      const started = await start({ identity });
      expect(started.json().verification).toBe('signed');
      const request = await post('verification', { token: started.json().token });
      expect(request.json().code).toBe('already-verified');
    });

    it('rate-limits anonymous session starts per IP with a 429 problem; other addresses and signed starts still work', async () => {
      const statuses: number[] = [];
      for (let index = 0; index < 12; index += 1) {
        statuses.push((await start({ email: `flood${index}@example.com` }, '10.9.8.7')).statusCode);
      }
      expect(statuses.filter((status) => status === 201)).toHaveLength(10);
      const limited = await start({ email: 'flood-last@example.com' }, '10.9.8.7');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json().code).toBe('rate-limited');
      expect((await start({ email: 'elsewhere@example.com' }, '10.9.8.8')).statusCode).toBe(201);
      const identity = signIdentityToken(secret, { sub: 'SHOP-FLOOD', email: 'f@example.com', exp: fixedNowSeconds + 600 });
      expect((await start({ identity }, '10.9.8.7')).statusCode).toBe(201);
    });
  });
}
