import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../support/test-app.ts';
import { testDialects } from '../support/test-databases.ts';

for (const dialect of testDialects) {
  describe(`bad input gets a clear error and changes nothing, on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
    });
    afterAll(async () => test?.close());

    async function storedCounts() {
      const db = test.runtime.database.db;
      const count = async (table: 'messages' | 'customers' | 'conversations') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((builder) => builder.fn.countAll<number>().as('count'))
              .executeTakeFirstOrThrow()
          ).count,
        );
      return {
        messages: await count('messages'),
        customers: await count('customers'),
        conversations: await count('conversations'),
      };
    }

    const post = (url: string, payload: string | object, headers: Record<string, string> = {}) =>
      test.app.inject({
        method: 'POST',
        url,
        headers: { ...agent.headers, 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });

    const valid = { channel: 'email', from: { email: 'someone@example.com' }, body: 'My order is late.' };

    it('answers malformed JSON with 400 malformed-json', async () => {
      const before = await storedCounts();
      const response = await post('/api/v1/inbound', '{"channel": "email", "body": ');
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ type: '/problems/malformed-json', status: 400 });
      expect(await storedCounts()).toEqual(before);
    });

    it('names an unknown field', async () => {
      const response = await post('/api/v1/inbound', { ...valid, isAdmin: true });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'body.isAdmin' })]);
    });

    it('names an unknown nested field', async () => {
      const response = await post('/api/v1/inbound', { ...valid, from: { email: 'a@example.com', role: 'admin' } });
      expect(response.json().errors).toEqual([expect.objectContaining({ field: 'body.from.role' })]);
    });

    it('names a field of the wrong type and a missing required field', async () => {
      const wrongType = await post('/api/v1/inbound', { ...valid, body: 42 });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().errors[0].field).toBe('body.body');
      const { body: _omitted, ...missing } = valid;
      const missingResponse = await post('/api/v1/inbound', missing);
      expect(missingResponse.statusCode).toBe(400);
      expect(missingResponse.json().errors[0].field).toBe('body.body');
      expect(missingResponse.json().detail).toContain('body.body');
    });

    it('refuses a body over the configured limit (1 MiB by default) with 413, storing nothing', async () => {
      const before = await storedCounts();
      const response = await post('/api/v1/inbound', { ...valid, body: 'x'.repeat(1024 * 1024 + 10) });
      expect(response.statusCode).toBe(413);
      expect(response.json().type).toBe('/problems/body-too-large');
      expect(await storedCounts()).toEqual(before);
    });

    it('refuses prototype-pollution keys in JSON', async () => {
      const response = await post(
        '/api/v1/inbound',
        '{"channel":"email","from":{"email":"a@example.com"},"body":"x","__proto__":{"polluted":true}}',
      );
      expect(response.statusCode).toBe(400);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses an unsupported content type with 415', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: { ...agent.headers, 'content-type': 'application/xml' },
        payload: '<message/>',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().type).toBe('/problems/unsupported-media-type');
    });

    it('answers an unknown API route with 404 problem+json', async () => {
      const response = await test.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: agent.headers });
      expect(response.statusCode).toBe(404);
      expect(response.json().type).toBe('/problems/route-not-found');
    });

    it('answers a bad query parameter with 400 naming it', async () => {
      const response = await test.app.inject({
        method: 'GET',
        url: '/api/v1/conversations?status=archived',
        headers: agent.headers,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toMatch(/^querystring\.status/);
      const limit = await test.app.inject({ method: 'GET', url: '/api/v1/customers?limit=100000', headers: agent.headers });
      expect(limit.json().errors[0].field).toBe('querystring.limit');
    });

    it('treats a garbage cursor as the first page rather than failing', async () => {
      const garbage = await test.app.inject({
        method: 'GET',
        url: '/api/v1/conversations?cursor=bm90LWpzb24',
        headers: agent.headers,
      });
      expect(garbage.statusCode).toBe(200);
      const firstPage = await test.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: agent.headers });
      expect(garbage.json().items).toEqual(firstPage.json().items);
    });

    it('stores a message that looks like markup exactly as written', async () => {
      const hostile = '<img src=x onerror=alert(1)><script>alert("x")</script> & "quotes"';
      const response = await post('/api/v1/inbound', { ...valid, body: hostile });
      expect(response.statusCode).toBe(201);
      expect(response.json().message.body).toBe(hostile);
    });
  });
}
