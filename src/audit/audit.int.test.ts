import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../test/support/test-app.ts';
import { testDialects } from '../../test/support/test-databases.ts';
import { enqueueJob } from '../platform/jobs/jobs.ts';

interface AuditRow {
  id: string;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  details: Record<string, unknown>;
}

const secretKey = 'b'.repeat(64);

for (const dialect of testDialects) {
  describe(`every change a person makes is audited with before and after values, on ${dialect}`, () => {
    let test: TestApp;
    let admin: SignedIn;
    let manager: SignedIn;
    let agent: SignedIn;
    let qa: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect, { CHANNEL_SECRET_KEY: secretKey });
      admin = await test.signIn('admin');
      manager = await test.signIn('manager');
      agent = await test.signIn('agent');
      qa = await test.signIn('qa');
    });
    afterAll(async () => test?.close());

    const call = async (who: SignedIn, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown) => {
      const response = await test.app.inject({ method, url, headers: who.headers, payload: payload as object });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json();
    };
    const call2 = (who: SignedIn, url: string, payload: unknown) => call(who, 'POST', url, payload);
    const auditOf = async (query: string): Promise<AuditRow[]> => {
      const response = await test.app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: admin.headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items;
    };
    const latest = async (action: string, subjectId: string) => {
      const [row] = await auditOf(`action=${action}&subjectId=${encodeURIComponent(subjectId)}`);
      expect(row, `no ${action} for ${subjectId}`).toBeDefined();
      return row as AuditRow;
    };

    let customerId = '';
    let conversationId = '';

    it('customer created: every field it was created with', async () => {
      const customer = await call(agent, 'POST', '/api/v1/customers', {
        name: 'Maria Popescu',
        emails: ['maria@example.ro'],
        tier: 'standard',
        country: 'RO',
        currency: 'RON',
        lifetimeValueMinor: 10_000,
      });
      customerId = customer.id;
      const row = await latest('customer.created', customerId);
      expect(row.actor?.name).toBe('Test Agent');
      expect(row.subjectLabel).toBe('Maria Popescu');
      expect(row.changes).toMatchObject({
        name: { from: null, to: 'Maria Popescu' },
        tier: { from: null, to: 'standard' },
        emails: { from: null, to: ['maria@example.ro'] },
        lifetimeValue: { from: null, to: { amountMinor: 10_000, currency: 'RON' } },
      });
    });

    it('customer updated: tier, lifetime value, contacts and name, each before and after; untouched fields absent', async () => {
      await call(manager, 'PATCH', `/api/v1/customers/${customerId}`, {
        tier: 'vip',
        lifetimeValueMinor: 250_000,
        phones: ['+40 721 000 111'],
        name: 'Maria Ionescu',
      });
      const row = await latest('customer.updated', customerId);
      expect(row.actor?.name).toBe('Test Manager');
      expect(row.changes).toEqual({
        name: { from: 'Maria Popescu', to: 'Maria Ionescu' },
        tier: { from: 'standard', to: 'vip' },
        lifetimeValue: {
          from: { amountMinor: 10_000, currency: 'RON' },
          to: { amountMinor: 250_000, currency: 'RON' },
        },
        phones: { from: [], to: ['+40721000111'] },
      });
      // A save that changes nothing records nothing.
      const before = (await auditOf(`subjectId=${customerId}`)).length;
      await call(manager, 'PATCH', `/api/v1/customers/${customerId}`, { tier: 'vip' });
      expect((await auditOf(`subjectId=${customerId}`)).length).toBe(before);
    });

    it('customer status change is its own action', async () => {
      await call(agent, 'PATCH', `/api/v1/customers/${customerId}`, { status: 'watch' });
      const row = await latest('customer.status-changed', customerId);
      expect(row.changes).toEqual({ status: { from: 'active', to: 'watch' } });
    });

    let orderId = '';
    it('order created and updated', async () => {
      const order = await call(agent, 'POST', '/api/v1/orders', {
        customerId,
        reference: 'ORD-AUD-1',
        amount: { amountMinor: 4_999, currency: 'RON' },
        status: 'paid',
        orderedAt: '2026-11-01T10:00:00.000Z',
      });
      orderId = order.id;
      const created = await latest('order.created', orderId);
      expect(created.changes).toMatchObject({
        reference: { from: null, to: 'ORD-AUD-1' },
        status: { from: null, to: 'paid' },
        amount: { from: null, to: { amountMinor: 4_999, currency: 'RON' } },
      });
      expect(created.subjectLabel).toBe('Order ORD-AUD-1 (Maria Ionescu)');
      await call(agent, 'PATCH', `/api/v1/orders/${orderId}`, { status: 'shipped', shippedAt: '2026-11-02T10:00:00.000Z' });
      const updated = await latest('order.updated', orderId);
      expect(updated.changes).toEqual({
        status: { from: 'paid', to: 'shipped' },
        shippedAt: { from: null, to: '2026-11-02T10:00:00.000Z' },
      });
    });

    it('CSV imports: the import itself and each customer and order it created', async () => {
      const customers = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers/import',
        headers: { ...manager.headers, 'content-type': 'text/csv' },
        payload: 'name,email,tier\nImported Ina,ina@example.com,gold\n',
      });
      expect(customers.json().imported).toBe(1);
      const [imported] = await auditOf('action=customer.imported');
      expect(imported?.details).toMatchObject({ imported: 1 });
      const [created] = await auditOf('action=customer.created');
      expect(created?.changes.tier).toEqual({ from: null, to: 'gold' });
      expect(created?.subjectLabel).toBe('Imported Ina');

      const orders = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders/import',
        headers: { ...manager.headers, 'content-type': 'text/csv' },
        payload:
          'reference,customer_email,amount,currency,status,ordered_at\nORD-IMP-1,ina@example.com,12.50,EUR,paid,2026-11-01\n',
      });
      expect(orders.json().imported, orders.body).toBe(1);
      const [orderImport] = await auditOf('action=order.imported');
      expect(orderImport?.details).toMatchObject({ imported: 1 });
      const [orderCreated] = await auditOf('action=order.created');
      expect(orderCreated?.changes.reference).toEqual({ from: null, to: 'ORD-IMP-1' });
    });

    it('conversation status change, assignment and reassignment, priority', async () => {
      const inbound = await call(agent, 'POST', '/api/v1/inbound', {
        channel: 'email',
        from: { email: 'maria@example.ro' },
        body: 'Where is my parcel?',
      });
      conversationId = inbound.conversation.id;
      await call(agent, 'PATCH', `/api/v1/conversations/${conversationId}`, { assigneeId: test.users.agent.id });
      await call(manager, 'PATCH', `/api/v1/conversations/${conversationId}`, { assigneeId: test.users.manager.id });
      await call(agent, 'PATCH', `/api/v1/conversations/${conversationId}`, { status: 'pending', priority: 'high' });
      const assignments = await auditOf(`action=conversation.assigned&subjectId=${conversationId}`);
      expect(assignments.map((row) => row.changes)).toEqual([
        { assignee: { from: 'Test Agent', to: 'Test Manager' } },
        { assignee: { from: null, to: 'Test Agent' } },
      ]);
      expect(assignments[0]?.details.assigneeId).toEqual({ from: test.users.agent.id, to: test.users.manager.id });
      expect(assignments[0]?.subjectLabel).toMatch(/^Case #\d+/);
      const status = await latest('conversation.status-changed', conversationId);
      expect(status.changes).toEqual({ status: { from: 'open', to: 'pending' } });
      const priority = await latest('conversation.updated', conversationId);
      expect(priority.changes.priority?.to).toBe('high');
    });

    it('a call logged, then logged again with other details', async () => {
      const call = {
        id: 'audit-call-1',
        kind: 'phone',
        direction: 'outbound',
        startedAt: '2026-11-24T09:30:00.000Z',
        durationSeconds: 300,
        outcome: 'callback-scheduled',
        notes: 'Will call back.',
      };
      await call2(agent, `/api/v1/conversations/${conversationId}/calls`, call);
      const logged = await latest('call.logged', 'audit-call-1');
      expect(logged.changes).toMatchObject({ outcome: { from: null, to: 'callback-scheduled' }, durationSeconds: { to: 300 } });
      expect(logged.subjectLabel).toMatch(/^Phone call on case #\d+/);
      await call2(agent, `/api/v1/conversations/${conversationId}/calls`, { ...call, outcome: 'resolved', notes: 'Sorted.' });
      const updated = await latest('call.updated', 'audit-call-1');
      expect(updated.changes).toEqual({
        outcome: { from: 'callback-scheduled', to: 'resolved' },
        notes: { from: 'Will call back.', to: 'Sorted.' },
      });
    });

    it("an agent steering the case's playbook: the step before and after, with the reason", async () => {
      await call(agent, 'POST', `/api/v1/conversations/${conversationId}/playbook`, {
        type: 'step-changed-by-hand',
        to: 'escalate',
        reason: 'Needs a manager for the refund',
      });
      const row = await latest('playbook.step-changed-by-hand', conversationId);
      expect(row.changes.step?.to).toBe('escalate');
      expect(row.changes.step?.from).not.toBe('escalate');
      expect(row.details).toMatchObject({ to: 'escalate', reason: 'Needs a manager for the refund' });
    });

    it('label correction', async () => {
      const detail = await test.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}`,
        headers: agent.headers,
      });
      const message = detail.json().messages.find((candidate: { kind: string }) => candidate.kind === 'customer');
      await call(agent, 'POST', `/api/v1/messages/${message.id}/corrections`, {
        signal: 'heat',
        verdict: 'wrong',
        note: 'calm question',
      });
      const row = await latest('analysis.corrected', message.id);
      expect(row.changes).toMatchObject({
        signal: { from: null, to: 'heat' },
        verdict: { from: null, to: 'wrong' },
        note: { from: null, to: 'calm question' },
      });
      expect(row.subjectLabel).toMatch(/^Message in case #\d+/);
    });

    it('scripts: created, new version, retired and restored', async () => {
      const script = { title: 'Audit apology', step: 'listen', language: 'en', body: 'We are sorry.' };
      const created = await call(qa, 'POST', '/api/v1/scripts', script);
      const key = created.id as string;
      expect((await latest('script.created', key)).changes).toMatchObject({
        title: { from: null, to: 'Audit apology' },
        body: { from: null, to: 'We are sorry.' },
      });
      await call(qa, 'PUT', `/api/v1/scripts/${key}`, { ...script, body: 'We are truly sorry.' });
      const revised = await latest('script.revised', key);
      expect(revised.changes).toEqual({ body: { from: 'We are sorry.', to: 'We are truly sorry.' } });
      expect(revised.details.version).toBe(2);
      expect(revised.subjectLabel).toBe('Audit apology');
      await call(qa, 'POST', `/api/v1/scripts/${key}/retire`, {});
      expect((await latest('script.retired', key)).changes).toEqual({ retired: { from: false, to: true } });
      await call(admin, 'POST', `/api/v1/scripts/${key}/restore`, {});
      expect((await latest('script.restored', key)).changes).toEqual({ retired: { from: true, to: false } });
    });

    it('regional guidance: compared with what was in force (the shipped default on the first edit)', async () => {
      const current = (await test.app.inject({ method: 'GET', url: '/api/v1/regional-guidance', headers: admin.headers })).json()
        .items.RO;
      const { edited: _edited, ...guidance } = current;
      await call(admin, 'PUT', '/api/v1/regional-guidance/RO', { ...guidance, formality: 'Very formal: use Dumneavoastră.' });
      const row = await latest('guidance.updated', 'RO');
      expect(row.changes).toEqual({ formality: { from: current.formality, to: 'Very formal: use Dumneavoastră.' } });
      expect(row.details.firstEdit).toBe(true);
    });

    it('e-mail settings: every field before and after, credentials only as set / not set, never in clear', async () => {
      const password = 'imap-secret-pa55word';
      const smtpUrl = 'smtp://mailer:smtp-secret-pa55@mail.example.com:587';
      await call(admin, 'PUT', '/api/v1/email/settings', {
        fromName: 'Brightwell Support',
        outboundSmtpUrl: smtpUrl,
        imap: { enabled: true, host: 'imap.example.com', port: 993, secure: true, user: 'support', password },
      });
      const first = await latest('email-settings.updated', 'email');
      expect(first.subjectLabel).toBe('E-mail settings');
      expect(first.changes).toMatchObject({
        fromName: { from: null, to: 'Brightwell Support' },
        outboundSmtpUrl: { from: 'not set', to: 'set' },
        'imap.host': { from: null, to: 'imap.example.com' },
        'imap.password': { from: 'not set', to: 'set' },
      });
      await call(admin, 'PUT', '/api/v1/email/settings', {
        imap: { enabled: true, host: 'imap.example.com', port: 993, secure: true, user: 'support', password: 'another-one' },
      });
      const second = await latest('email-settings.updated', 'email');
      expect(second.changes).toEqual({ 'imap.password': { from: 'set', to: 'set (new value)' } });
      const stored = await test.runtime.database.db.selectFrom('audit_log').select('details').execute();
      const everything = JSON.stringify(stored);
      for (const secret of [password, 'another-one', 'smtp-secret-pa55']) expect(everything).not.toContain(secret);
    });

    it('widget settings: allowed origins (including "*") before and after', async () => {
      await call(admin, 'PUT', '/api/v1/widget/settings', {
        allowedOrigins: ['*'],
        primaryColor: '#112233',
        textColor: '#ffffff',
        position: 'left',
        greeting: { en: 'Hello there' },
      });
      const row = await latest('widget-settings.updated', 'widget');
      expect(row.subjectLabel).toBe('Chat widget settings');
      expect(row.changes).toMatchObject({
        allowedOrigins: { from: [], to: ['*'] },
        primaryColor: { to: '#112233' },
        position: { from: 'right', to: 'left' },
        'greeting.en': { to: 'Hello there' },
      });
    });

    it('a job retried by an admin', async () => {
      const db = test.runtime.database.db;
      await enqueueJob(db, test.clock, { type: 'audit.test', payload: {}, dedupeKey: 'audit-test-job' });
      const job = await db.selectFrom('jobs').select('id').where('type', '=', 'audit.test').executeTakeFirstOrThrow();
      await db.updateTable('jobs').set({ status: 'dead' }).where('id', '=', job.id).execute();
      await call(admin, 'POST', `/api/v1/jobs/${job.id}/retry`, {});
      const row = await latest('job.retried', String(job.id));
      expect(row.details.type).toBe('audit.test');
      expect(row.actor?.name).toBe('Test Admin');
    });

    it('filters by actor, action family, subject type and id, and date range, with keyset paging', async () => {
      const byManager = await auditOf(`actorId=${test.users.manager.id}&limit=200`);
      expect(byManager.length).toBeGreaterThan(0);
      expect(byManager.every((row) => row.actor?.id === test.users.manager.id)).toBe(true);
      const customerFamily = await auditOf('action=customer.*&limit=200');
      expect(new Set(customerFamily.map((row) => row.action))).toEqual(
        new Set(['customer.created', 'customer.updated', 'customer.status-changed', 'customer.imported']),
      );
      const scripts = await auditOf('subjectType=script&limit=200');
      expect(scripts.length).toBeGreaterThanOrEqual(4);
      expect(scripts.every((row) => row.subjectType === 'script')).toBe(true);
      // Every change in this suite happened at the test clock's fixed instant.
      expect(await auditOf('from=2026-11-24T10:00:00.000Z&to=2026-11-24T10:00:00.001Z&limit=1')).toHaveLength(1);
      expect(await auditOf('from=2026-11-25T00:00:00.000Z')).toEqual([]);
      expect(await auditOf('to=2026-11-24T09:59:59.999Z&action=customer.*')).toEqual([]);

      const all = await auditOf('limit=200');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await test.app.inject({
          method: 'GET',
          url: `/api/v1/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
          headers: admin.headers,
        });
        const page = response.json() as { items: AuditRow[]; nextCursor: string | null };
        seen.push(...page.items.map((row) => row.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((row) => row.id));
      const bad = await test.app.inject({ method: 'GET', url: '/api/v1/audit?from=yesterday', headers: admin.headers });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('querystring.from');
    });

    it('exports CSV for admins only, with the same filters, safe to open in a spreadsheet', async () => {
      await call(agent, 'POST', '/api/v1/customers', { name: '=HYPERLINK("http://evil.example","x")', emails: [] });
      const forbidden = await test.app.inject({ method: 'GET', url: '/api/v1/audit.csv', headers: manager.headers });
      expect(forbidden.statusCode).toBe(403);
      const response = await test.app.inject({
        method: 'GET',
        url: '/api/v1/audit.csv?action=customer.created',
        headers: admin.headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain('attachment');
      const lines = response.body.trim().split('\r\n');
      expect(lines[0]).toBe('"When","Who","Via token","Action","Subject type","Subject id","Subject","Changes","Details","IP"');
      expect(lines.length).toBe(1 + (await auditOf('action=customer.created&limit=200')).length);
      expect(lines.slice(1).every((line) => line.includes('"customer.created"'))).toBe(true);
      // The formula is never a cell of its own: the subject cell is quoted and prefixed.
      expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      expect(response.body).not.toMatch(/(^|,)"=/m);
      expect(response.body).toContain('Tier: (empty) → gold');
    });

    it('keeps the audit log append-only: no route changes or deletes it', () => {
      const auditRoutes = test.routeCatalog.filter((route) => route.url.startsWith('/api/v1/audit'));
      expect(auditRoutes.length).toBeGreaterThanOrEqual(2);
      expect(auditRoutes.every((route) => route.method === 'GET')).toBe(true);
      const writes = test.routeCatalog.filter((route) => route.method !== 'GET' && /audit/i.test(route.url));
      expect(writes).toEqual([]);
    });
  });
}
