import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { postMessage } from '../../conversations/index.ts';
import type { ChannelDeps } from '../channel-deps.ts';
import { startEmailChannelWith } from './index.ts';
import { type SmtpSink, startSmtpSink, waitFor } from './test-support/smtp-sink.ts';
import type { EmailDeps } from './use-cases/email-deps.ts';
import { settingsStoreFor } from './use-cases/email-settings.ts';
import type { ImapMailbox, MailboxMessage } from './use-cases/poll-imap.ts';
import { receiveMail } from './use-cases/receive-mail.ts';

const support = 'support@brightwell.test';

function rawMail(headers: Record<string, string>, body: string): Buffer {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`);
}

/** A mailbox in memory that behaves like INBOX: unseen messages, \Seen after markSeen. */
function fakeMailbox(messages: MailboxMessage[]): ImapMailbox & { seen: Set<number>; opened: number } {
  const seen = new Set<number>();
  const box = {
    seen,
    opened: 0,
    open: async () => {
      box.opened += 1;
    },
    unseen: async (limit: number) => messages.filter((message) => !seen.has(message.uid)).slice(0, limit),
    markSeen: async (uid: number) => {
      seen.add(uid);
    },
    close: async () => undefined,
  };
  return box;
}

for (const dialect of testDialects) {
  describe(`e-mail outbox, bounces and IMAP polling (${dialect})`, () => {
    let test: TestApp;
    let sink: SmtpSink;
    let channelDeps: ChannelDeps;
    let emailDeps: EmailDeps;

    beforeAll(async () => {
      sink = await startSmtpSink();
      test = await createTestApp(dialect, {
        SUPPORT_ADDRESSES: support,
        SMTP_INBOUND_ENABLED: 'false',
        OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        COMPANY_NAME: 'Brightwell',
      });
      const db = test.runtime.database.db;
      channelDeps = {
        config: test.config,
        db,
        clock: test.clock,
        events: test.runtime.events,
        conversations: { db, clock: test.clock, events: test.runtime.events, writes: test.runtime.writes },
      };
      emailDeps = { ...channelDeps, settings: settingsStoreFor(channelDeps), log: () => undefined };
    });
    afterAll(async () => {
      await sink?.close();
      await test?.close();
    });

    it('sends, at start-up, an agent reply committed while the channel was not running (crash between commit and enqueue)', async () => {
      const stored = await receiveMail(
        emailDeps,
        rawMail({ From: 'sweep@example.org', To: support, Subject: 'Sweep me', 'Message-ID': '<sweep-1@example.org>' }, 'Hello?'),
      );
      if (stored.kind !== 'stored') throw new Error(`expected a stored mail, got ${stored.kind}`);
      // No channel is running: nobody listens to message.created.
      await postMessage(channelDeps.conversations, { userId: test.users.agent.id }, stored.conversationId, {
        kind: 'agent',
        body: 'Answer written during the outage.',
      });
      expect(
        await test.runtime.database.db.selectFrom('email_messages').select('id').where('direction', '=', 'out').execute(),
      ).toHaveLength(0);

      const channel = await startEmailChannelWith(channelDeps, { log: () => undefined, imapMailbox: () => fakeMailbox([]) });
      try {
        const sent = await waitFor(() => sink.received.find((mail) => mail.parsed.inReplyTo === '<sweep-1@example.org>'));
        expect(sent.parsed.text?.trim()).toBe('Answer written during the outage.');
        expect(sent.parsed.subject).toMatch(/^Re: Sweep me \[#\d+\]$/);
      } finally {
        await channel.stop();
      }
    });

    it('marks a reply as bounced when the delivery report comes back, and notes it on the conversation', async () => {
      const channel = await startEmailChannelWith(channelDeps, { log: () => undefined, imapMailbox: () => fakeMailbox([]) });
      try {
        const stored = await receiveMail(
          emailDeps,
          rawMail({ From: 'gone@example.org', To: support, Subject: 'Bounce me', 'Message-ID': '<bounce-1@example.org>' }, 'Hi'),
        );
        if (stored.kind !== 'stored') throw new Error('expected a stored mail');
        await postMessage(channelDeps.conversations, { userId: test.users.agent.id }, stored.conversationId, {
          kind: 'agent',
          body: 'Reply',
        });
        const sent = await waitFor(() => sink.received.find((mail) => mail.parsed.inReplyTo === '<bounce-1@example.org>'));
        const report = rawMail(
          {
            From: 'MAILER-DAEMON@mx.example.org',
            To: support,
            Subject: 'Undelivered Mail Returned to Sender',
            'Message-ID': '<dsn-1@mx.example.org>',
            'Auto-Submitted': 'auto-replied',
            'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b1"',
          },
          [
            '--b1',
            'Content-Type: text/plain',
            '',
            'Your message could not be delivered.',
            '--b1',
            'Content-Type: message/delivery-status',
            '',
            'Final-Recipient: rfc822; gone@example.org',
            'Action: failed',
            'Status: 5.1.1',
            'Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable',
            '--b1',
            'Content-Type: text/rfc822-headers',
            '',
            `Message-ID: ${sent.parsed.messageId}`,
            'Subject: Re: Bounce me',
            '--b1--',
          ].join('\r\n'),
        );
        const outcome = await receiveMail(emailDeps, report, { envelopeSender: '' });
        expect(outcome).toMatchObject({ kind: 'noted', classification: 'bounce', conversationId: stored.conversationId });
        const outbound = await test.runtime.database.db
          .selectFrom('email_messages')
          .select(['status', 'last_error'])
          .where('rfc_message_id', '=', sent.parsed.messageId ?? '')
          .executeTakeFirstOrThrow();
        expect(outbound.status).toBe('bounced');
        expect(outbound.last_error).toBe('to gone@example.org, status 5.1.1, smtp; 550 5.1.1 mailbox unavailable');
      } finally {
        await channel.stop();
      }
    });

    it('polls an IMAP mailbox: stores unseen mail, marks it seen, and leaves refused mail seen but unstored', async () => {
      const mailbox = fakeMailbox([
        {
          uid: 1,
          source: rawMail(
            { From: 'imap@example.org', To: support, Subject: 'Via IMAP', 'Message-ID': '<imap-1@example.org>' },
            'Polled in.',
          ),
        },
        { uid: 2, source: Buffer.from('Subject: nobody\r\n\r\nno sender at all\r\n') },
      ]);
      const channel = await startEmailChannelWith(channelDeps, { log: () => undefined, imapMailbox: () => mailbox });
      try {
        await channel.pollImap();
        expect([...mailbox.seen].sort()).toEqual([1, 2]);
        const row = await test.runtime.database.db
          .selectFrom('email_messages')
          .select(['classification', 'conversation_id'])
          .where('rfc_message_id', '=', '<imap-1@example.org>')
          .executeTakeFirst();
        expect(row?.classification).toBe('customer');
        // A second poll finds nothing new and stores nothing twice.
        await channel.pollImap();
        expect(mailbox.opened).toBe(2);
      } finally {
        await channel.stop();
      }
    });
  });
}
