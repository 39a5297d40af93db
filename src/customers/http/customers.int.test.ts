import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';

for (const dialect of testDialects) {
  describe(`customers and orders on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    let manager: SignedIn;
    let admin: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
      manager = await test.signIn('manager');
      admin = await test.signIn('admin');
    });
    afterAll(async () => test?.close());

    const romanian = {
      name: 'Andrei Ionescu',
      emails: ['Andrei.Ionescu@example.ro'],
      phones: ['+40 721 234 567'],
      externalId: 'CUS-RO-1',
      country: 'RO',
      region: 'Cluj',
      language: 'ro',
      currency: 'RON',
      timeZone: 'Europe/Bucharest',
      tier: 'gold',
      lifetimeValueMinor: 1_249_00,
      tags: ['billing', 'vip-candidate'],
      notes: 'Prefers e-mail.',
    };

    it('creates a customer with every CRM field and reads it back', async () => {
      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: agent.headers,
        payload: romanian,
      });
      expect(created.statusCode).toBe(201);
      const customer = created.json();
      expect(customer).toMatchObject({
        name: 'Andrei Ionescu',
        emails: ['andrei.ionescu@example.ro'],
        phones: ['+40721234567'],
        country: 'RO',
        currency: 'RON',
        timeZone: 'Europe/Bucharest',
        tier: 'gold',
        lifetimeValue: { amountMinor: 124900, currency: 'RON' },
        tags: ['billing', 'vip-candidate'],
        status: 'active',
      });
      const read = await test.app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}`, headers: agent.headers });
      expect(read.json()).toEqual(customer);
    });

    it('finds customers by name, e-mail, phone in any format, and external id', async () => {
      for (const query of ['ionescu', 'ANDREI.IONESCU@', '0721 234', '+40-721-234-567', 'CUS-RO-1']) {
        const found = await test.app.inject({
          method: 'GET',
          url: `/api/v1/customers?query=${encodeURIComponent(query)}`,
          headers: agent.headers,
        });
        expect(
          found.json().items.map((item: { name: string }) => item.name),
          query,
        ).toEqual(['Andrei Ionescu']);
      }
      const none = await test.app.inject({ method: 'GET', url: '/api/v1/customers?query=%25', headers: agent.headers });
      expect(none.json().items).toEqual([]);
    });

    it('refuses a second customer with an e-mail that already belongs to someone, naming the conflict', async () => {
      const clash = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: agent.headers,
        payload: { name: 'Someone Else', emails: ['andrei.ionescu@example.ro'] },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().type).toBe('/problems/contact-taken');
    });

    it('rejects invalid country, currency, time zone and language codes with the field named', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: agent.headers,
        payload: { name: 'Bad Codes', country: 'XX', currency: 'LEI', timeZone: 'Europe/Nowhere', language: 'romanian' },
      });
      expect(response.statusCode).toBe(400);
      const fields = response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort();
      expect(fields).toEqual(['body.country', 'body.currency', 'body.language', 'body.timeZone']);
    });

    it('lets an agent put a customer on watch but only a manager end the relationship, and audits each status change', async () => {
      const customer = (
        await test.app.inject({ method: 'GET', url: '/api/v1/customers?query=CUS-RO-1', headers: agent.headers })
      ).json().items[0];
      const watch = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${customer.id}`,
        headers: agent.headers,
        payload: { status: 'watch' },
      });
      expect(watch.json().status).toBe('watch');
      const agentEnds = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${customer.id}`,
        headers: agent.headers,
        payload: { status: 'ended' },
      });
      expect(agentEnds.statusCode).toBe(403);
      const managerEnds = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${customer.id}`,
        headers: manager.headers,
        payload: { status: 'ended' },
      });
      expect(managerEnds.json().status).toBe('ended');
      const audit = (
        await test.app.inject({
          method: 'GET',
          url: `/api/v1/audit?subjectId=${customer.id}&action=customer.status-changed`,
          headers: admin.headers,
        })
      ).json();
      expect(audit.items.map((item: { changes: unknown }) => item.changes)).toEqual([
        { status: { from: 'watch', to: 'ended' } },
        { status: { from: 'active', to: 'watch' } },
      ]);
      expect(audit.items[0].actor.name).toBe('Test Manager');
      expect(audit.items[0].subjectLabel).toBe(customer.name);
    });

    it('records orders in integer minor units so an agent can check a claim against them', async () => {
      const customer = (
        await test.app.inject({ method: 'GET', url: '/api/v1/customers?query=CUS-RO-1', headers: agent.headers })
      ).json().items[0];
      const order = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: agent.headers,
        payload: {
          customerId: customer.id,
          reference: 'ORD-RO-77',
          amount: { amountMinor: 249_900, currency: 'RON' },
          status: 'shipped',
          orderedAt: '2026-11-01T09:00:00Z',
          shippedAt: '2026-11-02T09:00:00Z',
        },
      });
      expect(order.statusCode).toBe(201);
      expect(order.json().deliveredAt).toBeNull();
      const fractional = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: agent.headers,
        payload: {
          customerId: customer.id,
          reference: 'ORD-RO-78',
          amount: { amountMinor: 12.5, currency: 'RON' },
          status: 'paid',
          orderedAt: '2026-11-01T09:00:00Z',
        },
      });
      expect(fractional.statusCode).toBe(400);
      const list = (
        await test.app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}/orders`, headers: agent.headers })
      ).json();
      expect(list.items.map((item: { reference: string }) => item.reference)).toEqual(['ORD-RO-77']);
    });

    it('imports customers from CSV, keeping good rows and reporting each bad row with its reason', async () => {
      const csv = [
        'name,email,phone,external_id,country,region,language,currency,time_zone,tier,lifetime_value,tags,notes,status',
        'Hanna Berg,hanna@example.se,+46 70 123 45 67,CUS-SE-1,SE,Stockholm,sv,SEK,Europe/Stockholm,vip,"12 500,00",loyal;press,,active',
        'Yuki Tanaka,yuki@example.jp,,CUS-JP-1,JP,Tokyo,ja,JPY,Asia/Tokyo,standard,98000,,Formal tone please,',
        ',nobody@example.com,,,US,,en,USD,America/New_York,standard,,,,',
        'Bad Money,bad@example.com,,,US,,en,USD,America/New_York,standard,12.345,,,',
        'Bad Zone,zone@example.com,,,US,,en,USD,Mars/Base,standard,,,,',
        'Hanna Berg Updated,hanna@example.se,,CUS-SE-1,SE,Uppsala,sv,SEK,Europe/Stockholm,vip,,,,',
      ].join('\n');
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers/import',
        headers: { ...manager.headers, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(response.statusCode).toBe(200);
      const report = response.json();
      expect(report.imported).toBe(2);
      expect(report.updated).toBe(1);
      expect(report.rejected.map((row: { row: number }) => row.row)).toEqual([4, 5, 6]);
      expect(report.rejected[1].reason).toContain('lifetime_value');
      expect(report.rejected[2].reason).toContain('timeZone');
      const hanna = (
        await test.app.inject({ method: 'GET', url: '/api/v1/customers?query=CUS-SE-1', headers: agent.headers })
      ).json().items[0];
      expect(hanna).toMatchObject({
        name: 'Hanna Berg Updated',
        region: 'Uppsala',
        lifetimeValue: { amountMinor: 1_250_000, currency: 'SEK' },
      });
      const yuki = (await test.app.inject({ method: 'GET', url: '/api/v1/customers?query=yuki', headers: agent.headers })).json()
        .items[0];
      expect(yuki.lifetimeValue).toEqual({ amountMinor: 98000, currency: 'JPY' });
    });

    it('imports orders from CSV matched to customers by external id or e-mail', async () => {
      const csv = [
        'reference,customer_external_id,customer_email,amount,currency,status,description,ordered_at,shipped_at,delivered_at',
        'ORD-SE-1,CUS-SE-1,,1499.00,SEK,delivered,Headphones,2026-10-01,2026-10-02,2026-10-04',
        'ORD-JP-1,,yuki@example.jp,12800,JPY,shipped,Kettle,2026-11-10,2026-11-11,',
        'ORD-XX-1,CUS-NOPE,,10.00,EUR,paid,Ghost,2026-11-10,,',
        'ORD-SE-1,CUS-SE-1,,1.00,SEK,paid,Duplicate reference,2026-10-01,,',
        'ORD-JP-2,,yuki@example.jp,12.5,JPY,paid,Yen have no cents,2026-11-10,,',
      ].join('\n');
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders/import',
        headers: { ...manager.headers, 'content-type': 'text/csv' },
        payload: csv,
      });
      const report = response.json();
      expect(report.imported).toBe(2);
      expect(report.rejected.map((row: { row: number }) => row.row)).toEqual([4, 5, 6]);
    });

    it('refuses an unreadable CSV file with a clear 400 and stores nothing', async () => {
      const before = (await test.app.inject({ method: 'GET', url: '/api/v1/customers?limit=200', headers: agent.headers })).json()
        .items.length;
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers/import',
        headers: { ...manager.headers, 'content-type': 'text/csv' },
        payload: 'name,email\n"unterminated,quote@example.com\n',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().type).toBe('/problems/csv-unreadable');
      const after = (await test.app.inject({ method: 'GET', url: '/api/v1/customers?limit=200', headers: agent.headers })).json()
        .items.length;
      expect(after).toBe(before);
    });
  });
}
