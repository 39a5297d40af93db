import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testPassword } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';

for (const dialect of testDialects) {
  describe(`auth on ${dialect}`, () => {
    let test: TestApp;
    beforeAll(async () => {
      test = await createTestApp(dialect, { LOGIN_ATTEMPTS_PER_MINUTE: '5' });
    });
    afterAll(async () => test?.close());

    it('signs in with the right password and returns the user with a CSRF token and an httpOnly SameSite cookie', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'Agent@Test.Example ', password: testPassword },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.user.role).toBe('agent');
      expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
      const cookie = response.cookies.find((candidate) => candidate.name === 'defuse_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      const me = await test.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: `defuse_session=${cookie?.value}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().user.email).toBe('agent@test.example');
    });

    it('refuses a wrong password with 401 problem+json and records the failure in the audit log', async () => {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'manager@test.example', password: 'wrong password here' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe('/problems/credentials-invalid');
      const admin = await test.signIn('admin');
      const audit = await test.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=auth.sign-in-failed',
        headers: admin.headers,
      });
      expect(
        audit.json().items.some((item: { details: { email: string } }) => item.details.email === 'manager@test.example'),
      ).toBe(true);
    });

    it('rate-limits repeated sign-in attempts for one address with 429', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1) {
        const response = await test.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'qa@test.example', password: `guess number ${attempt}` },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 5).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });

    it('rejects a state-changing request with the session cookie but without the CSRF header', async () => {
      const agent = await test.signIn('agent');
      const without = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { cookie: agent.cookie },
        payload: { name: 'No Csrf' },
      });
      expect(without.statusCode).toBe(403);
      expect(without.json().type).toBe('/problems/csrf-token-invalid');
      const wrong = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { cookie: agent.cookie, 'x-csrf-token': 'not-the-token' },
        payload: { name: 'Wrong Csrf' },
      });
      expect(wrong.statusCode).toBe(403);
      const right = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: agent.headers,
        payload: { name: 'With Csrf' },
      });
      expect(right.statusCode).toBe(201);
    });

    it('signing out ends the session', async () => {
      const qa = await test.signIn('manager');
      const out = await test.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: qa.headers });
      expect(out.statusCode).toBe(204);
      const me = await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: qa.headers });
      expect(me.statusCode).toBe(401);
    });

    it('an admin creates a bearer token that works without CSRF, and revoking it stops it at once', async () => {
      const admin = await test.signIn('admin');
      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin.headers,
        payload: { name: 'Shop integration', role: 'agent' },
      });
      expect(created.statusCode).toBe(201);
      const { secret, token } = created.json();
      expect(secret).toMatch(/^dfs_/);
      const bearer = { authorization: `Bearer ${secret}` };
      const used = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: bearer,
        payload: { channel: 'api', from: { email: 'token-user@example.com' }, body: 'Hello from the shop' },
      });
      expect(used.statusCode).toBe(201);
      const adminOnly = await test.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer });
      expect(adminOnly.statusCode).toBe(403);
      const revoked = await test.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: admin.headers });
      expect(revoked.statusCode).toBe(204);
      const after = await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer });
      expect(after.statusCode).toBe(401);
      const audit = await test.app.inject({ method: 'GET', url: '/api/v1/audit?action=token.created', headers: admin.headers });
      expect(audit.json().items[0].subjectId).toBe(token.id);
    });

    it("deactivating a user ends their sessions and tokens at once, and an admin's role change is audited", async () => {
      const admin = await test.signIn('admin');
      const invited = await test.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email: 'temp@test.example', name: 'Temp Agent', role: 'agent', password: 'a temporary password' },
      });
      expect(invited.statusCode).toBe(201);
      const user = invited.json();
      const promoted = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: admin.headers,
        payload: { role: 'admin' },
      });
      expect(promoted.json().role).toBe('admin');
      const login = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'temp@test.example', password: 'a temporary password' },
      });
      const cookie = `defuse_session=${login.cookies.find((candidate) => candidate.name === 'defuse_session')?.value}`;
      const csrf = login.json().csrfToken as string;
      const token = await test.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: { name: 'temp token', role: 'agent' },
      });
      const bearer = { authorization: `Bearer ${token.json().secret}` };
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer })).statusCode).toBe(200);

      const deactivated = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: admin.headers,
        payload: { active: false },
      });
      expect(deactivated.json().active).toBe(false);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer })).statusCode).toBe(401);
      const relogin = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'temp@test.example', password: 'a temporary password' },
      });
      expect(relogin.statusCode).toBe(401);
      const audit = await test.app.inject({ method: 'GET', url: `/api/v1/audit?subjectId=${user.id}`, headers: admin.headers });
      const actions = audit.json().items.map((item: { action: string }) => item.action);
      expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.role-changed', 'user.deactivated']));
    });

    it('will not demote the last active admin', async () => {
      const admin = await test.signIn('admin');
      const response = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${test.users.admin.id}`,
        headers: admin.headers,
        payload: { role: 'agent' },
      });
      // The temp admin from the previous test is deactivated, so this admin is the last one.
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toBe('/problems/last-admin');
    });
  });
}
