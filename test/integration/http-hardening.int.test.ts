import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../support/test-app.ts';
import { testDialects } from '../support/test-databases.ts';

/** A tiny built web app, so the page and widget routes answer as in production. */
function fakeWebDist(): string {
  const directory = mkdtempSync(join(tmpdir(), 'defuse-dist-'));
  writeFileSync(join(directory, 'index.html'), '<!doctype html><title>Defuse</title><div id="root"></div>');
  writeFileSync(join(directory, 'widget.js'), 'console.log("widget");');
  return directory;
}

/** Sends raw bytes to the listening server and returns the raw answer (for errors Node raises before Fastify). */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += String(chunk);
    });
    socket.on('error', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    setTimeout(() => reject(new Error(`no answer: ${answer}`)), 5000).unref();
  });
}

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const problem = JSON.parse(response.body) as { status: number; code: string; type: string };
  expect(problem.status).toBe(status);
  expect(problem.type).toBe(`/problems/${problem.code}`);
}

for (const dialect of testDialects)
  describe(`security headers and router-level problems, on ${dialect}`, () => {
    let test: TestApp;
    let admin: SignedIn;
    let dist: string;
    beforeAll(async () => {
      dist = fakeWebDist();
      test = await createTestApp(dialect, { WEB_DIST_DIR: dist, BODY_LIMIT_BYTES: '2048' });
      admin = await test.signIn('admin');
    });
    afterAll(async () => {
      await test?.close();
      rmSync(dist, { recursive: true, force: true });
    });

    function expectHardened(headers: Record<string, unknown>) {
      const csp = String(headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      // Plain HTTP here (COOKIE_SECURE=false): HSTS would lock a browser out of this host.
      expect(headers['strict-transport-security']).toBeUndefined();
      expect(headers['x-powered-by']).toBeUndefined();
    }

    it('hardens the agent app pages', async () => {
      for (const url of ['/', '/inbox', '/conversations/abc']) {
        const response = await test.app.inject({ url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type']).toContain('text/html');
        expectHardened(response.headers);
      }
    });

    it('hardens the API and keeps its answers out of every cache', async () => {
      const responses = [
        await test.app.inject({ url: '/api/v1/health' }),
        await test.app.inject({ url: '/api/v1/customers', headers: admin.headers }),
        await test.app.inject({ url: '/api/v1/auth/me', headers: admin.headers }),
        await test.app.inject({ url: '/api/v1/customers' }),
        await test.app.inject({ url: '/api/v1/no-such-route', headers: admin.headers }),
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'admin@test.example', password: 'wrong wrong wrong' },
        }),
      ];
      for (const response of responses) {
        expectHardened(response.headers);
        expect(response.headers['cache-control'], response.body).toBe('no-store');
      }
    });

    it('hardens the API reference, whose document and assets may be cached', async () => {
      const page = await test.app.inject({ url: '/api/v1/docs/' });
      expect([200, 302]).toContain(page.statusCode);
      // Swagger UI injects <style> at run time: inline styles (never scripts) are allowed on its pages only.
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("script-src 'self';");
      expectHardened({ ...page.headers, 'content-security-policy': csp.replace(" 'unsafe-inline'", '') });
      expect(page.headers['cache-control']).not.toBe('no-store');
      const document = await test.app.inject({ url: '/api/v1/openapi.json' });
      expect(document.statusCode).toBe(200);
      expect(document.headers['cache-control']).not.toBe('no-store');
      expectHardened(document.headers);
    });

    it('lets other sites load the widget script and nothing else', async () => {
      const widget = await test.app.inject({ url: '/widget.js' });
      expect(widget.statusCode).toBe(200);
      expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(widget.headers['x-content-type-options']).toBe('nosniff');
      const page = await test.app.inject({ url: '/inbox' });
      expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    });

    it('answers every router-level error with problem+json', async () => {
      expectProblem(await test.app.inject({ url: '/api/v1/customers/%ZZ', headers: admin.headers }), 400);
      expectProblem(await test.app.inject({ url: '/api/v1/no-such-route', headers: admin.headers }), 404);
      expectProblem(await test.app.inject({ method: 'DELETE', url: '/api/v1/health' }), 404);
      expectProblem(await test.app.inject({ url: `/api/v1/customers/${'a'.repeat(5000)}`, headers: admin.headers }), 404);
      expectProblem(
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: { ...admin.headers, 'content-type': 'application/xml' },
          payload: '<customer/>',
        }),
        415,
      );
      expectProblem(
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: { ...admin.headers, 'content-type': 'application/json' },
          payload: '{"name": ',
        }),
        400,
      );
      expectProblem(
        await test.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: admin.headers,
          payload: { name: 'x'.repeat(5000) },
        }),
        413,
      );
      const badUrl = await test.app.inject({ url: '/api/v1/customers/%ZZ', headers: admin.headers });
      expect(badUrl.json().code).toBe('malformed-url');
      expect(badUrl.headers['x-content-type-options']).toBe('nosniff');
    });

    it('answers an over-long URL and a broken request line with problem+json over real HTTP', async () => {
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      const address = test.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const tooLong = await rawRequest(port, `GET /api/v1/customers/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(tooLong).toMatch(/^HTTP\/1\.1 431 /);
      expect(tooLong).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(tooLong.slice(tooLong.indexOf('\r\n\r\n') + 4)).code).toBe('headers-too-large');
      const garbage = await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(garbage).toContain('Content-Type: application/problem+json');
    });
  });

describe('HSTS when served over HTTPS', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await createTestApp('sqlite', { COOKIE_SECURE: 'true' });
  });
  afterAll(async () => test?.close());

  it('sends Strict-Transport-Security and upgrades insecure requests only when COOKIE_SECURE=true', async () => {
    const response = await test.app.inject({ url: '/api/v1/health' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });
});
