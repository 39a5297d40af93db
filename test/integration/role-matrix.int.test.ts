import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleCovers, roles } from '../../src/auth/index.ts';
import { createTestApp, type SignedIn, signedInFrom, type TestApp } from '../support/test-app.ts';
import { testDialects } from '../support/test-databases.ts';

for (const dialect of testDialects)
  describe(`every API route enforces its declared roles, on ${dialect}`, () => {
    let test: TestApp;
    const sessions = {} as Record<(typeof roles)[number], SignedIn>;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      for (const role of roles) sessions[role] = await test.signIn(role);
    });
    afterAll(async () => test?.close());

    const fill = (url: string) => url.replace(/:id/g, '00000000-0000-7000-8000-000000000000');

    it('lists a good number of routes, each with roles or marked public', () => {
      expect(test.routeCatalog.length).toBeGreaterThan(20);
      const publicRoutes = test.routeCatalog
        .filter((route) => route.roles === 'public')
        .map((route) => `${route.method} ${route.url}`);
      expect(publicRoutes.sort()).toEqual([
        'GET /api/v1/health',
        'GET /api/v1/openapi.json',
        'GET /api/v1/widget/config',
        'GET /api/v1/widget/socket',
        'OPTIONS /api/v1/widget/config',
        'OPTIONS /api/v1/widget/sessions',
        'OPTIONS /api/v1/widget/verification',
        'OPTIONS /api/v1/widget/verification/confirm',
        'POST /api/v1/auth/login',
        // Widget endpoints are public to the browser but each checks its own signed token and origin.
        'POST /api/v1/widget/sessions',
        'POST /api/v1/widget/verification',
        'POST /api/v1/widget/verification/confirm',
      ]);
    });

    it('answers 401 to every protected route without a session', async () => {
      for (const route of test.routeCatalog.filter((candidate) => candidate.roles !== 'public')) {
        const response = await test.app.inject({
          method: route.method as 'GET',
          url: fill(route.url),
          payload: route.method === 'GET' ? undefined : {},
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    });

    it('answers 403 to exactly the roles a route does not allow, and never 401/403 to the ones it does', async () => {
      let checked = 0;
      for (const route of test.routeCatalog.filter((candidate) => candidate.roles !== 'public' && !candidate.websocket)) {
        for (const role of roles) {
          const allowed = (route.roles as readonly string[]).includes(role);
          // Sign-out would end the session the matrix still needs; its allowance is checked without calling it.
          if (route.url.endsWith('/auth/logout') && allowed) continue;
          const response = await test.app.inject({
            method: route.method as 'GET',
            url: fill(route.url),
            headers: sessions[role].headers,
            payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          });
          const label = `${role} ${route.method} ${route.url} -> ${response.statusCode}`;
          if (allowed) expect([401, 403], label).not.toContain(response.statusCode);
          else expect(response.statusCode, label).toBe(403);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(80);
    });

    it('every route agrees with the role cover rule that bounds API tokens by their creator', () => {
      // roleCovers(holder, wanted) promises a holder may do all that `wanted` may; no route may break that.
      for (const route of test.routeCatalog.filter((candidate) => candidate.roles !== 'public')) {
        const allowed = route.roles as readonly string[];
        for (const holder of roles)
          for (const wanted of roles) {
            if (roleCovers(holder, wanted) && allowed.includes(wanted)) {
              expect(allowed, `${route.method} ${route.url}: ${holder} covers ${wanted}`).toContain(holder);
            }
          }
      }
    });

    it('keeps the admin screens to admins: users, tokens and the audit log', () => {
      const adminOnly = test.routeCatalog.filter(
        (route) => route.roles !== 'public' && route.roles.length === 1 && route.roles[0] === 'admin',
      );
      const urls = adminOnly.map((route) => `${route.method} ${route.url}`);
      expect(urls).toEqual(
        expect.arrayContaining([
          'POST /api/v1/users',
          'PATCH /api/v1/users/:id',
          'GET /api/v1/tokens',
          'POST /api/v1/tokens',
          'GET /api/v1/audit',
          'GET /api/v1/audit.csv',
        ]),
      );
    });

    // Last: it moves the clock and demotes a user.
    it('refuses, on every protected route, a token whose creator was demoted and a token that expired', async () => {
      const admin = sessions.admin;
      const invited = await test.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email: 'matrix-maker@test.example', name: 'Matrix Maker', role: 'admin', password: 'matrix maker passphrase' },
      });
      expect(invited.statusCode).toBe(201);
      const login = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'matrix-maker@test.example', password: 'matrix maker passphrase' },
      });
      const maker = signedInFrom(login);
      const create = async (headers: Record<string, string>, payload: Record<string, unknown>) => {
        const response = await test.app.inject({ method: 'POST', url: '/api/v1/tokens', headers, payload });
        expect(response.statusCode, response.body).toBe(201);
        return `Bearer ${response.json().secret}`;
      };
      const demotedToken = await create(maker.headers, { name: 'demoted', role: 'admin' });
      const expiresAt = new Date(test.clock.now().getTime() + 60_000).toISOString();
      const expiredToken = await create(admin.headers, { name: 'expiring', role: 'admin', expiresAt });
      // Both work first (and are remembered by the token cache).
      for (const authorization of [demotedToken, expiredToken]) {
        const response = await test.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization } });
        expect(response.statusCode).toBe(200);
      }
      const demoted = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${invited.json().id}`,
        headers: admin.headers,
        payload: { role: 'agent' },
      });
      expect(demoted.statusCode).toBe(200);
      test.clock.advance(60_000);
      let checked = 0;
      for (const route of test.routeCatalog.filter((candidate) => candidate.roles !== 'public' && !candidate.websocket)) {
        for (const authorization of [demotedToken, expiredToken]) {
          const response = await test.app.inject({
            method: route.method as 'GET',
            url: fill(route.url),
            headers: { authorization },
            payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          });
          expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
          expect(response.headers['content-type']).toContain('application/problem+json');
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  });
