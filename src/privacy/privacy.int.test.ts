import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test/support/test-app.ts';
import { testDialects } from '../../test/support/test-databases.ts';
import type { ChannelDeps } from '../channels/channel-deps.ts';
import { signIdentityToken } from '../channels/chat/index.ts';
import { receiveMail } from '../channels/email/index.ts';
import { settingsStoreFor } from '../channels/email/use-cases/email-settings.ts';
import { JobRunner } from '../platform/jobs/index.ts';
import { retentionJob, scheduleRetention } from './index.ts';

const support = 'support@test.example';
const widgetSecret = 'privacy-widget-secret-0123456789-abcdefgh';
const shop = 'https://shop.example';

/** A mail from Zelda with one attachment, as it arrives over SMTP. */
function zeldaMail(): Buffer {
  return Buffer.from(
    [
      'From: Zelda Quartermain <zelda@example.com>',
      `To: ${support}`,
      'Subject: Broken lamp, Strada Lunga 5',
      'Message-ID: <zelda-1@example.com>',
      'Date: Mon, 23 Nov 2026 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'My brass lamp arrived broken and I am furious. Send a new one to Strada Lunga 5, Bucharest. Call me on +40 722 123 456.',
      '--b1',
      'Content-Type: application/pdf; name="zelda-receipt.pdf"',
      'Content-Disposition: attachment; filename="zelda-receipt.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 Zelda Quartermain receipt').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

/** Every row of every table as text: what a search of the whole database could find. */
async function wholeDatabaseText(test: TestApp): Promise<string> {
  const db = test.runtime.database.db;
  const tables =
    test.runtime.database.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)).rows.map((row) => row.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)
        ).rows.map((row) => row.name);
  const parts: string[] = [];
  for (const table of tables) {
    parts.push(`[table ${table}]`);
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows;
    parts.push(
      JSON.stringify(rows, (_key, value: unknown) =>
        value instanceof Uint8Array || (typeof value === 'object' && value !== null && 'type' in value && value.type === 'Buffer')
          ? Buffer.from(value as Uint8Array).toString('latin1')
          : value,
      ),
    );
  }
  return parts.join('\n');
}

for (const dialect of testDialects) {
  describe(`privacy: export, erasure and retention on ${dialect}`, () => {
    let test: TestApp;
    let manager: SignedIn;
    let admin: SignedIn;
    let agent: SignedIn;
    let zeldaId: string;
    let conversationId: string;
    let conversationNumber: number;

    beforeAll(async () => {
      test = await createTestApp(dialect, {
        SUPPORT_ADDRESSES: support,
        SMTP_INBOUND_ENABLED: 'false',
        WIDGET_SECRET: widgetSecret,
        WIDGET_ALLOWED_ORIGINS: shop,
      });
      manager = await test.signIn('manager');
      admin = await test.signIn('admin');
      agent = await test.signIn('agent');
      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: manager.headers,
        payload: {
          name: 'Zelda Quartermain',
          emails: ['zelda@example.com'],
          phones: ['+40 722 123 456'],
          externalId: 'SHOP-ZELDA',
          notes: 'Prefers calls after six. <script>alert("x")</script>',
          tier: 'vip',
          lifetimeValueMinor: 250_000,
          currency: 'EUR',
          country: 'RO',
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      zeldaId = created.json().id;
      const order = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: manager.headers,
        payload: {
          customerId: zeldaId,
          reference: 'ORD-77',
          amount: { amountMinor: 12_900, currency: 'EUR' },
          status: 'delivered',
          description: 'Brass lamp for Zelda',
          orderedAt: '2026-11-01T10:00:00.000Z',
        },
      });
      expect(order.statusCode, order.body).toBe(201);

      const db = test.runtime.database.db;
      const channelDeps: ChannelDeps = {
        config: test.config,
        db,
        clock: test.clock,
        events: test.runtime.events,
        conversations: { db, clock: test.clock, events: test.runtime.events, writes: test.runtime.writes },
      };
      const received = await receiveMail(
        { ...channelDeps, settings: settingsStoreFor(channelDeps), log: () => undefined },
        zeldaMail(),
      );
      expect(received.kind).toBe('stored');
      const record = await db
        .selectFrom('email_messages')
        .select('conversation_id')
        .where('rfc_message_id', '=', '<zelda-1@example.com>')
        .executeTakeFirstOrThrow();
      conversationId = record.conversation_id as string;
      const reply = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'I am sorry, Zelda. A new lamp goes to Strada Lunga 5 today.' },
      });
      expect(reply.statusCode, reply.body).toBe(201);
      const call = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/calls`,
        headers: agent.headers,
        payload: {
          kind: 'phone',
          direction: 'outbound',
          startedAt: '2026-11-24T09:30:00.000Z',
          durationSeconds: 300,
          outcome: 'resolved',
          notes: 'Zelda confirmed Strada Lunga 5.',
          transcript: { text: 'Agent: Hello Zelda.\nCustomer: Hi, it is Zelda Quartermain from Strada Lunga 5.', format: 'txt' },
        },
      });
      expect(call.statusCode, call.body).toBe(201);
      const step = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/playbook`,
        headers: agent.headers,
        payload: { type: 'step-changed-by-hand', to: 'listen', reason: 'Zelda asked twice about Strada Lunga 5' },
      });
      expect(step.statusCode, step.body).toBe(200);
      const chat = await test.app.inject({
        method: 'POST',
        url: '/api/v1/widget/sessions',
        headers: { origin: shop },
        payload: {
          identity: signIdentityToken(widgetSecret, {
            sub: 'SHOP-ZELDA',
            email: 'zelda@example.com',
            name: 'Zelda Quartermain',
            exp: Math.floor(test.clock.now().getTime() / 1000) + 600,
          }),
        },
      });
      expect(chat.statusCode, chat.body).toBe(201);
      const view = await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers });
      conversationNumber = view.json().conversation.number;
    });
    afterAll(async () => test?.close());

    it('exports everything held about the customer as JSON (attachments listed, not their bytes), only for managers and admins, and audits it', async () => {
      expect((await test.app.inject({ url: `/api/v1/customers/${zeldaId}/export`, headers: agent.headers })).statusCode).toBe(
        403,
      );
      const response = await test.app.inject({ url: `/api/v1/customers/${zeldaId}/export`, headers: manager.headers });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['cache-control']).toContain('no-store');
      const document = response.json();
      expect(document).toMatchObject({
        format: 'defuse-customer-export.v1',
        erased: false,
        customer: { name: 'Zelda Quartermain', emails: ['zelda@example.com'], externalId: 'SHOP-ZELDA' },
        orders: [{ reference: 'ORD-77', description: 'Brass lamp for Zelda' }],
        calls: [{ notes: 'Zelda confirmed Strada Lunga 5.', outcome: 'resolved' }],
        chatSessions: [{ email: 'zelda@example.com', verification: 'signed' }],
      });
      expect(document.customer.phones).toHaveLength(1);
      const conversation = document.conversations.find((item: { id: string }) => item.id === conversationId);
      expect(conversation.number).toBe(conversationNumber);
      const bodies = conversation.messages.map((message: { body: string }) => message.body).join('\n');
      expect(bodies).toContain('Strada Lunga 5');
      expect(conversation.messages[0].analysis.heat).toBeGreaterThan(0);
      const [email] = document.emails;
      expect(email).toMatchObject({ from: { address: 'zelda@example.com' }, subject: 'Broken lamp, Strada Lunga 5' });
      expect(email.attachments).toEqual([expect.objectContaining({ filename: 'zelda-receipt.pdf', stored: true })]);
      expect(response.body).not.toContain(Buffer.from('%PDF-1.4 Zelda Quartermain receipt').toString('base64'));
      expect(response.body).not.toContain('%PDF-1.4');

      const audit = await test.app.inject({ url: `/api/v1/audit?subjectId=${zeldaId}`, headers: admin.headers });
      const exported = audit.json().items.find((item: { action: string }) => item.action === 'customer.exported');
      expect(exported).toMatchObject({ actor: { id: manager.user.id }, details: { format: 'json' } });
    });

    it('offers the export as a readable HTML page with every value escaped', async () => {
      const response = await test.app.inject({ url: `/api/v1/customers/${zeldaId}/export.html`, headers: admin.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<h1>Everything Defuse holds about Zelda Quartermain</h1>');
      expect(response.body).toContain('Strada Lunga 5');
      expect(response.body).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
      expect(response.body).not.toContain('<script');
      expect(
        (await test.app.inject({ url: `/api/v1/customers/${zeldaId}/export.html`, headers: agent.headers })).statusCode,
      ).toBe(403);
    });

    it('erases on the approval of a second person: nothing of the old name, address or phone can be found, case numbers stay', async () => {
      const beforeHeat = (
        await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers })
      ).json().conversation.heat;
      const proposed = await test.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${zeldaId}/erasure`,
        headers: manager.headers,
        payload: { reason: 'The customer asked to be forgotten (ticket by phone).' },
      });
      expect(proposed.statusCode, proposed.body).toBe(201);
      const request = proposed.json();
      expect(request).toMatchObject({ status: 'pending', requestedBy: { id: manager.user.id } });
      expect(
        (
          await test.app.inject({
            method: 'POST',
            url: `/api/v1/customers/${zeldaId}/erasure`,
            headers: admin.headers,
            payload: { reason: 'again' },
          })
        ).json().code,
      ).toBe('erasure-already-pending');
      const byAgent = await test.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${zeldaId}/erasure`,
        headers: agent.headers,
        payload: { reason: 'agents may not' },
      });
      expect(byAgent.statusCode).toBe(403);

      const own = await test.app.inject({
        method: 'POST',
        url: `/api/v1/erasure-requests/${request.id}/approve`,
        headers: manager.headers,
        payload: {},
      });
      expect(own.statusCode).toBe(403);
      expect(own.headers['content-type']).toContain('application/problem+json');
      expect(own.json().code).toBe('erasure-self-approval');
      const pending = await test.app.inject({ url: '/api/v1/erasure-requests', headers: admin.headers });
      expect(pending.json().items.map((item: { id: string }) => item.id)).toContain(request.id);
      // Still all there: a refused self-approval changed nothing.
      expect((await test.app.inject({ url: `/api/v1/customers/${zeldaId}`, headers: agent.headers })).json().name).toBe(
        'Zelda Quartermain',
      );

      const approved = await test.app.inject({
        method: 'POST',
        url: `/api/v1/erasure-requests/${request.id}/approve`,
        headers: admin.headers,
        payload: {},
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: admin.user.id } });
      const again = await test.app.inject({
        method: 'POST',
        url: `/api/v1/erasure-requests/${request.id}/reject`,
        headers: admin.headers,
        payload: {},
      });
      expect(again.json().code).toBe('erasure-already-decided');

      for (const query of ['Zelda', 'Quartermain', 'zelda@example.com', '722 123 456', '+40722123456', 'SHOP-ZELDA']) {
        const found = await test.app.inject({
          url: `/api/v1/customers?query=${encodeURIComponent(query)}`,
          headers: agent.headers,
        });
        expect(found.statusCode).toBe(200);
        expect(found.json().items, query).toEqual([]);
      }
      const customer = (await test.app.inject({ url: `/api/v1/customers/${zeldaId}`, headers: agent.headers })).json();
      expect(customer).toMatchObject({ emails: [], phones: [], externalId: null, notes: '', tier: 'vip', country: 'RO' });
      expect(customer.name).toMatch(/^Erased customer #\d+$/);
      expect(customer.lifetimeValue.amountMinor).toBe(250_000);

      const view = (await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers })).json();
      expect(view.conversation.number).toBe(conversationNumber);
      expect(view.conversation.heat).toBe(beforeHeat);
      expect(new Set(view.messages.map((message: { body: string }) => message.body))).toEqual(new Set(['[Erased for privacy]']));
      const customerMessage = view.messages.find((message: { kind: string }) => message.kind === 'customer');
      expect(customerMessage.analysis.heat).toBeGreaterThan(0);

      // Nowhere in the database: not in cases, mail, attachments, calls, chats, analyses or the audit log.
      const everything = (await wholeDatabaseText(test)).toLowerCase();
      for (const trace of ['zelda', 'quartermain', 'strada lunga', '722 123 456', '40722123456', 'brass lamp', 'prefers calls']) {
        const at = everything.indexOf(trace);
        const table = everything
          .slice(0, at)
          .match(/\[table ([a-z_]+)\]/g)
          ?.at(-1);
        expect(at === -1 ? null : `${table}: ${everything.slice(Math.max(0, at - 200), at + 100)}`, trace).toBeNull();
      }

      const exported = await test.app.inject({ url: `/api/v1/customers/${zeldaId}/export`, headers: manager.headers });
      const document = exported.json();
      expect(document.erased).toBe(true);
      expect(document.customer.name).toBe(customer.name);
      expect(document.emails[0].attachments[0]).toMatchObject({ stored: false });
      expect(exported.body.toLowerCase()).not.toContain('zelda');
      expect(document.erasureRequests).toEqual([expect.objectContaining({ status: 'approved' })]);

      const audit = (await test.app.inject({ url: `/api/v1/audit?subjectId=${zeldaId}`, headers: admin.headers })).json()
        .items as Array<{
        action: string;
        actor: { id: string } | null;
        details: Record<string, unknown>;
      }>;
      expect(audit.find((item) => item.action === 'erasure.requested')).toMatchObject({ actor: { id: manager.user.id } });
      expect(audit.find((item) => item.action === 'erasure.approved')).toMatchObject({
        actor: { id: admin.user.id },
        details: { requestId: request.id },
      });

      const twice = await test.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${zeldaId}/erasure`,
        headers: manager.headers,
        payload: { reason: 'once more' },
      });
      expect(twice.json().code).toBe('customer-already-erased');
    });

    it('accepts one of two simultaneous proposals for the same customer and refuses the other with 409', async () => {
      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: manager.headers,
        payload: { name: 'Twice Proposed', emails: ['twice@example.com'] },
      });
      const id = created.json().id;
      const propose = (headers: Record<string, string>) =>
        test.app.inject({
          method: 'POST',
          url: `/api/v1/customers/${id}/erasure`,
          headers,
          payload: { reason: 'asked to be forgotten' },
        });
      const results = await Promise.all([propose(manager.headers), propose(admin.headers), propose(manager.headers)]);
      expect(results.map((result) => result.statusCode).sort()).toEqual([201, 409, 409]);
      const pending = await test.app.inject({ url: '/api/v1/erasure-requests', headers: admin.headers });
      expect(pending.json().items.filter((item: { customerId: string }) => item.customerId === id)).toHaveLength(1);
    });

    it('lets a second person reject a request, which changes nothing but the audit trail', async () => {
      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: manager.headers,
        payload: { name: 'Rupert Keepme', emails: ['rupert@example.com'] },
      });
      const rupertId = created.json().id;
      const proposed = await test.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${rupertId}/erasure`,
        headers: admin.headers,
        payload: { reason: 'Duplicate request by mistake' },
      });
      const ownReject = await test.app.inject({
        method: 'POST',
        url: `/api/v1/erasure-requests/${proposed.json().id}/reject`,
        headers: admin.headers,
        payload: {},
      });
      expect(ownReject.statusCode).toBe(403);
      const rejected = await test.app.inject({
        method: 'POST',
        url: `/api/v1/erasure-requests/${proposed.json().id}/reject`,
        headers: manager.headers,
        payload: { note: 'Customer withdrew the request' },
      });
      expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: 'Customer withdrew the request' });
      expect((await test.app.inject({ url: `/api/v1/customers/${rupertId}`, headers: agent.headers })).json().name).toBe(
        'Rupert Keepme',
      );
      const audit = (await test.app.inject({ url: `/api/v1/audit?subjectId=${rupertId}`, headers: admin.headers })).json().items;
      expect(audit.map((item: { action: string }) => item.action)).toEqual(
        expect.arrayContaining(['erasure.requested', 'erasure.rejected']),
      );
      const list = await test.app.inject({ url: '/api/v1/erasure-requests?status=rejected', headers: manager.headers });
      expect(list.json().items.map((item: { id: string }) => item.id)).toContain(proposed.json().id);
    });

    it('anonymises cases closed longer than the retention setting in a durable daily job (off by default)', async () => {
      const inbound = async (email: string, body: string) => {
        const response = await test.app.inject({
          method: 'POST',
          url: '/api/v1/inbound',
          headers: agent.headers,
          payload: { channel: 'api', from: { email, name: 'Old Timer' }, body },
        });
        expect(response.statusCode, response.body).toBe(201);
        return response.json().conversation.id as string;
      };
      const oldCase = await inbound('old@example.com', 'My parcel to Elm Street 9 never came.');
      const stillOpen = await inbound('open@example.com', 'Still waiting on Birch Road 3.');
      for (const id of [oldCase]) {
        const closed = await test.app.inject({
          method: 'PATCH',
          url: `/api/v1/conversations/${id}`,
          headers: agent.headers,
          payload: { status: 'closed' },
        });
        expect(closed.statusCode, closed.body).toBe(200);
      }
      expect((await test.app.inject({ url: '/api/v1/privacy/settings', headers: admin.headers })).json()).toMatchObject({
        retentionMonths: null,
      });
      expect(
        (
          await test.app.inject({
            method: 'PUT',
            url: '/api/v1/privacy/settings',
            headers: manager.headers,
            payload: { retentionMonths: 12 },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await test.app.inject({
            method: 'PUT',
            url: '/api/v1/privacy/settings',
            headers: admin.headers,
            payload: { retentionMonths: 0 },
          })
        ).statusCode,
      ).toBe(400);

      const deps = { db: test.runtime.database.db, clock: test.clock, events: test.runtime.events };
      const runner = new JobRunner({ db: deps.db, clock: test.clock, pollIntervalMs: 60_000 });
      runner.register(retentionJob(deps));
      const bodyOf = async (id: string) => {
        // Sessions expire as the clock moves on: sign in afresh each time.
        const reader = await test.signIn('agent');
        return (await test.app.inject({ url: `/api/v1/conversations/${id}`, headers: reader.headers })).json().messages[0]
          .body as string;
      };

      // Off: a run changes nothing, even a year later.
      test.clock.advance(400 * 24 * 60 * 60_000);
      admin = await test.signIn('admin');
      await scheduleRetention(deps);
      await runner.runDue();
      expect(await bodyOf(oldCase)).toContain('Elm Street');

      const saved = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/privacy/settings',
        headers: admin.headers,
        payload: { retentionMonths: 12 },
      });
      expect(saved.json()).toMatchObject({ retentionMonths: 12 });
      // Tomorrow's run (queued by today's) does the work.
      test.clock.advance(24 * 60 * 60_000 + 1000);
      admin = await test.signIn('admin');
      expect(await runner.runDue()).toBe(1);
      expect(await bodyOf(oldCase)).toBe('[Erased for privacy]');
      expect(await bodyOf(stillOpen)).toContain('Birch Road');

      const jobs = await deps.db
        .selectFrom('jobs')
        .select(['status', 'run_at'])
        .where('type', '=', 'privacy.retention')
        .execute();
      expect(jobs.filter((job) => job.status === 'done')).toHaveLength(2);
      expect(jobs.filter((job) => job.status === 'queued')).toHaveLength(1);
      const audit = (
        await test.app.inject({ url: '/api/v1/audit?action=privacy.retention-applied', headers: admin.headers })
      ).json().items;
      expect(audit[0]).toMatchObject({ actor: null, details: { conversations: 1, retentionMonths: 12 } });
      const settingsAudit = (
        await test.app.inject({ url: '/api/v1/audit?action=privacy-settings.updated', headers: admin.headers })
      ).json().items;
      expect(settingsAudit[0]).toMatchObject({ actor: { id: admin.user.id } });
      await runner.stop();
    });
  });
}
