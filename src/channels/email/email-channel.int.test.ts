import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { type RunningEmailChannel, startEmailChannelWith } from './index.ts';
import { type SmtpSink, startSmtpSink, waitFor } from './test-support/smtp-sink.ts';

const support = 'support@brightwell.test';
const secretKey = 'a'.repeat(64);

for (const dialect of testDialects) {
  describe(`e-mail channel over real SMTP (${dialect})`, () => {
    let test: TestApp;
    let sink: SmtpSink;
    let channel: RunningEmailChannel;
    let agent: SignedIn;
    let admin: SignedIn;
    const logs: string[] = [];

    const sendToUs = async (mail: SendMailOptions) => {
      const client = nodemailer.createTransport({
        host: '127.0.0.1',
        port: channel.smtpPort ?? 0,
        secure: false,
        ignoreTLS: true,
      });
      try {
        return await client.sendMail(mail);
      } finally {
        client.close();
      }
    };
    const conversationOf = async (messageId: string) => {
      const row = await test.runtime.database.db
        .selectFrom('email_messages')
        .select(['conversation_id', 'message_id', 'classification', 'status'])
        .where('rfc_message_id', '=', messageId)
        .executeTakeFirst();
      return row;
    };

    beforeAll(async () => {
      sink = await startSmtpSink();
      test = await createTestApp(dialect, {
        SUPPORT_ADDRESSES: `${support}, help@brightwell.test`,
        SMTP_INBOUND_PORT: '0',
        OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        COMPANY_NAME: 'Brightwell',
        CHANNEL_SECRET_KEY: secretKey,
        JOB_POLL_INTERVAL_MS: '100',
      });
      channel = await startEmailChannelWith(
        {
          config: test.config,
          db: test.runtime.database.db,
          clock: test.clock,
          events: test.runtime.events,
          conversations: {
            db: test.runtime.database.db,
            clock: test.clock,
            events: test.runtime.events,
            writes: test.runtime.writes,
          },
        },
        { log: (level, message) => logs.push(`${level}: ${message}`), outboundRetryBaseMs: 1000 },
      );
      agent = await test.signIn('agent');
      admin = await test.signIn('admin');
    });

    afterAll(async () => {
      await channel?.stop();
      await sink?.close();
      await test?.close();
    });

    it('refuses mail for addresses that are not ours at RCPT with a 550', async () => {
      await expect(
        sendToUs({ from: 'someone@example.org', to: 'random@brightwell.test', subject: 'hi', text: 'hello' }),
      ).rejects.toMatchObject({ responseCode: 550 });
    });

    it('stores a mail sent by a real SMTP client as a conversation, replies with threading headers, and threads the answer back', async () => {
      const first = await sendToUs({
        from: { name: 'Dana Customer', address: 'dana@example.org' },
        to: support,
        subject: 'My order never arrived',
        messageId: '<first-1@example.org>',
        text: 'Hello,\n\nmy order 5531 never arrived and nobody answers.\n\nBest regards,\nDana\n\nOn Mon, 1 Jan 2026 at 10:00, Shop <shop@x.test> wrote:\n> Your order has shipped.',
        attachments: [
          { filename: 'receipt.pdf', content: Buffer.from('%PDF-1.4 fake receipt'), contentType: 'application/pdf' },
          { filename: 'run-me.exe', content: Buffer.from('MZ...'), contentType: 'application/octet-stream' },
        ],
      });
      expect(first.response).toMatch(/^250 /);

      const stored = await conversationOf('<first-1@example.org>');
      expect(stored?.classification).toBe('customer');
      const conversationId = stored?.conversation_id ?? '';
      const detail = await test.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}`,
        headers: agent.headers,
      });
      const body = detail.json() as {
        conversation: { number: number; channel: string; subject: string };
        messages: Array<{ body: string; kind: string }>;
      };
      expect(body.conversation.channel).toBe('email');
      expect(body.conversation.subject).toBe('My order never arrived');
      // Analysis reads what Dana wrote now: no quoted history, no sign-off.
      expect(body.messages[0]?.body).toBe('Hello,\n\nmy order 5531 never arrived and nobody answers.');

      // The full mail with its quote stays available, and the attachments: one kept, one refused.
      const messageId = stored?.message_id ?? '';
      const full = await test.app.inject({ method: 'GET', url: `/api/v1/email/messages/${messageId}`, headers: agent.headers });
      const fullBody = full.json() as {
        textFull: string;
        quoted: string;
        attachments: Array<{ id: string; filename: string; rejectedReason: string | null }>;
      };
      expect(fullBody.quoted).toContain('Your order has shipped.');
      const pdf = fullBody.attachments.find((attachment) => attachment.filename === 'receipt.pdf');
      const exe = fullBody.attachments.find((attachment) => attachment.filename === 'run-me.exe');
      expect(pdf?.rejectedReason).toBeNull();
      expect(exe?.rejectedReason).toMatch(/not accepted/);
      const download = await test.app.inject({
        method: 'GET',
        url: `/api/v1/email/attachments/${pdf?.id}`,
        headers: agent.headers,
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="receipt.pdf"/);
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.rawPayload.toString()).toBe('%PDF-1.4 fake receipt');
      const refused = await test.app.inject({
        method: 'GET',
        url: `/api/v1/email/attachments/${exe?.id}`,
        headers: agent.headers,
      });
      expect(refused.statusCode).toBe(404);

      // The agent answers; the reply leaves through the outbox to the sink with threading headers.
      const reply = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'Dana, I am sorry. I have found your parcel and it leaves today.' },
      });
      expect(reply.statusCode).toBe(201);
      const sent = await waitFor(() => sink.received.find((mail) => mail.parsed.inReplyTo === '<first-1@example.org>'));
      const number = body.conversation.number;
      expect(sent.parsed.subject).toBe(`Re: My order never arrived [#${number}]`);
      expect(sent.parsed.from?.value[0]).toMatchObject({ name: 'Test Agent from Brightwell', address: support });
      expect(sent.parsed.to).toMatchObject({ value: [{ address: 'dana@example.org' }] });
      expect(sent.parsed.references).toBe('<first-1@example.org>');
      expect(sent.parsed.messageId).toMatch(/^<defuse\.[0-9a-f-]+@brightwell\.test>$/);
      expect(sent.parsed.headers.get('auto-submitted')).toBe('no');
      expect(sent.parsed.text?.trim()).toBe('Dana, I am sorry. I have found your parcel and it leaves today.');
      expect(sent.envelopeFrom).toBe(support);

      const status = await waitFor(async () => {
        const response = await test.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conversationId}/email-status`,
          headers: agent.headers,
        });
        const items = (response.json() as { items: Array<{ direction: string; status: string }> }).items;
        return items.find((item) => item.direction === 'out' && item.status === 'sent');
      });
      expect(status).toBeTruthy();

      // Dana answers her mail client's way: In-Reply-To our Message-ID, a different subject, no token.
      await sendToUs({
        from: 'dana@example.org',
        to: support,
        subject: 'thanks',
        messageId: '<second-2@example.org>',
        inReplyTo: sent.parsed.messageId,
        references: ['<first-1@example.org>', sent.parsed.messageId ?? ''],
        text: 'Thank you, that is good news.\n\n> Dana, I am sorry.',
      });
      expect((await conversationOf('<second-2@example.org>'))?.conversation_id).toBe(conversationId);

      // The same mail delivered again is stored once.
      await sendToUs({
        from: 'dana@example.org',
        to: support,
        subject: 'thanks',
        messageId: '<second-2@example.org>',
        inReplyTo: sent.parsed.messageId,
        text: 'Thank you, that is good news.\n\n> Dana, I am sorry.',
      });
      const after = await test.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}`,
        headers: agent.headers,
      });
      const timeline = (after.json() as { messages: Array<{ kind: string; body: string }> }).messages;
      expect(timeline.filter((message) => message.kind === 'customer').map((message) => message.body)).toEqual([
        'Hello,\n\nmy order 5531 never arrived and nobody answers.',
        'Thank you, that is good news.',
      ]);
    });

    it('threads a reply by the [#number] token in the subject when the headers are gone', async () => {
      await sendToUs({
        from: 'tok@example.org',
        to: support,
        subject: 'Broken kettle',
        messageId: '<tok-1@example.org>',
        text: 'It leaks.',
      });
      const first = await conversationOf('<tok-1@example.org>');
      const conversation = await test.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${first?.conversation_id}`,
        headers: agent.headers,
      });
      const number = (conversation.json() as { conversation: { number: number } }).conversation.number;
      // A second, unrelated case for the same customer would otherwise take the message.
      await sendToUs({
        from: 'tok@example.org',
        to: support,
        subject: `Fwd: Re: Broken kettle [#${number}]`,
        messageId: '<tok-2@example.org>',
        text: 'Any news?',
      });
      expect((await conversationOf('<tok-2@example.org>'))?.conversation_id).toBe(first?.conversation_id);
    });

    it('keeps a mail without Message-ID once even when delivered twice', async () => {
      const raw = ['From: nomid@example.org', `To: ${support}`, 'Subject: no id', '', 'Where is my refund?', ''].join('\r\n');
      await sendToUs({ envelope: { from: 'nomid@example.org', to: [support] }, raw });
      await sendToUs({ envelope: { from: 'nomid@example.org', to: [support] }, raw });
      const rows = await test.runtime.database.db
        .selectFrom('email_messages')
        .select(['rfc_message_id', 'message_id'])
        .where('from_address', '=', 'nomid@example.org')
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.rfc_message_id).toMatch(/^<missing-[0-9a-f]{40}@defuse\.invalid>$/);
    });

    it('records an auto-reply to our mail as a note on its conversation and never as a customer message', async () => {
      await sendToUs({
        from: 'ooo@example.org',
        to: support,
        subject: 'Lost parcel',
        messageId: '<ooo-1@example.org>',
        text: 'Where is it?',
      });
      const first = await conversationOf('<ooo-1@example.org>');
      const conversationId = first?.conversation_id ?? '';
      await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'We are on it.' },
      });
      const sent = await waitFor(() => sink.received.find((mail) => mail.parsed.inReplyTo === '<ooo-1@example.org>'));
      await sendToUs({
        from: 'ooo@example.org',
        to: support,
        subject: 'Automatic reply: Re: Lost parcel',
        messageId: '<ooo-auto@example.org>',
        inReplyTo: sent.parsed.messageId,
        headers: { 'Auto-Submitted': 'auto-replied' },
        text: 'I am out of the office until Monday.',
      });
      const auto = await conversationOf('<ooo-auto@example.org>');
      expect(auto).toMatchObject({ classification: 'auto-reply', conversation_id: conversationId });
      const detail = await test.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}`,
        headers: agent.headers,
      });
      const messages = (detail.json() as { messages: Array<{ kind: string; body: string }> }).messages;
      expect(messages.filter((message) => message.kind === 'customer')).toHaveLength(1);
      expect(messages.at(-1)).toMatchObject({ kind: 'note' });
      expect(messages.at(-1)?.body).toMatch(/^Automatic reply received from ooo@example.org/);
      // Nothing was sent back to the robot.
      expect(sink.received.filter((mail) => mail.parsed.inReplyTo === '<ooo-auto@example.org>')).toHaveLength(0);
    });

    it('drops list mail and our own mail coming back, with a log line', async () => {
      await sendToUs({
        from: 'news@shop.example',
        to: support,
        subject: 'Weekly deals',
        messageId: '<list-1@shop.example>',
        headers: { 'List-Id': '<deals.shop.example>', Precedence: 'bulk' },
        text: 'Deals!',
      });
      await sendToUs({
        from: 'x@example.org',
        to: support,
        subject: 'Re: x',
        messageId: '<defuse.0000@brightwell.test>',
        text: 'echo',
      });
      expect(await conversationOf('<list-1@shop.example>')).toMatchObject({
        classification: 'list',
        status: 'ignored',
        conversation_id: null,
      });
      expect(await conversationOf('<defuse.0000@brightwell.test>')).toMatchObject({ classification: 'loop', status: 'ignored' });
      expect(logs.some((line) => line.includes('<list-1@shop.example>') && line.includes('dropped'))).toBe(true);
    });

    it('delays a reply while the outbound server is down and delivers it later', async () => {
      await sendToUs({
        from: 'retry@example.org',
        to: support,
        subject: 'Refund',
        messageId: '<retry-1@example.org>',
        text: 'I want my money back.',
      });
      const conversationId = (await conversationOf('<retry-1@example.org>'))?.conversation_id ?? '';
      sink.failing = true;
      await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'Your refund is on its way.' },
      });
      const statusUrl = `/api/v1/conversations/${conversationId}/email-status`;
      const waiting = await waitFor(async () => {
        const items = (await test.app.inject({ method: 'GET', url: statusUrl, headers: agent.headers })).json() as {
          items: Array<{ direction: string; status: string; attempts: number; lastError: string | null }>;
        };
        return items.items.find((item) => item.direction === 'out' && item.attempts >= 1 && item.lastError);
      });
      expect(waiting.status).toBe('queued');
      expect(waiting.lastError).toMatch(/421|not available/i);
      // The job waits for its next attempt, visible to admins with the error.
      const job = await waitFor(async () => {
        const jobs = await test.app.inject({
          method: 'GET',
          url: '/api/v1/jobs?type=email.outbound&status=queued',
          headers: admin.headers,
        });
        return (jobs.json() as { items: Array<{ lastError: string | null; attempts: number }> }).items[0];
      });
      expect(job.lastError).toMatch(/421|not available/i);
      expect(job.attempts).toBe(1);

      sink.failing = false;
      test.clock.advance(60_000);
      await channel.jobs.runDue();
      const delivered = await waitFor(() => sink.received.find((mail) => mail.parsed.inReplyTo === '<retry-1@example.org>'));
      expect(delivered.parsed.text?.trim()).toBe('Your refund is on its way.');
      const items = (await test.app.inject({ method: 'GET', url: statusUrl, headers: agent.headers })).json() as {
        items: Array<{ direction: string; status: string; attempts: number }>;
      };
      expect(items.items.find((item) => item.direction === 'out')).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('shows settings to admins with secrets only as set or not set, and stores them encrypted', async () => {
      const forbidden = await test.app.inject({ method: 'GET', url: '/api/v1/email/settings', headers: agent.headers });
      expect(forbidden.statusCode).toBe(403);
      const saved = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/email/settings',
        headers: admin.headers,
        payload: {
          imap: {
            enabled: false,
            host: 'imap.brightwell.test',
            port: 993,
            secure: true,
            user: 'support',
            password: 'hunter2-secret',
          },
        },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.body).not.toContain('hunter2-secret');
      const view = saved.json() as {
        imap: { password: string };
        outboundSmtp: string;
        health: { lastReceivedAt: string | null };
      };
      expect(view.imap.password).toBe('set');
      expect(view.outboundSmtp).toBe('set');
      expect(view.health.lastReceivedAt).not.toBeNull();
      const row = await test.runtime.database.db.selectFrom('email_settings').selectAll().executeTakeFirstOrThrow();
      expect(row.imap_password_encrypted).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain('hunter2-secret');
      const bad = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/email/settings',
        headers: admin.headers,
        payload: { supportAddresses: ['not an address'] },
      });
      expect(bad.statusCode).toBe(400);
    });
  });
}
