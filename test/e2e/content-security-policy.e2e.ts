import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  type E2eServer,
  launchBrowser,
  type RestartableE2eServer,
  startE2eServer,
  startRestartableE2eServer,
} from './browser.ts';

const password = 'defuse-demo-2026';

/**
 * Collects every Content-Security-Policy violation the page reports (the DOM event, which also
 * covers inline styles and scripts, and chromium's console messages) and every other console
 * error. HTTP error statuses are expected while signed out and are left out.
 */
function watch(page: Page): { violations: string[]; errors: string[] } {
  const seen = { violations: [] as string[], errors: [] as string[] };
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) seen.violations.push(text);
    else if (message.type() === 'error' && !/Failed to load resource/.test(text)) seen.errors.push(text);
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** Runs in the page before its own scripts (and outside its CSP), so it sees every violation. */
const recordViolations = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
  });
`;

async function reportedViolations(page: Page): Promise<string[]> {
  return page.evaluate('window.__cspViolations ?? []') as Promise<string[]>;
}

describe.runIf(chromiumAvailable)('the Content-Security-Policy holds on every screen, in a real browser', () => {
  let server: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the agent app from / through every screen of its navigation, with the live socket open', async () => {
    const page = await browser.newPage();
    await page.addInitScript(recordViolations);
    const seen = watch(page);
    const response = await page.goto(`${server.baseUrl}/`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill('admin@defuse.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox/);
    // The realtime socket (ticket, then ws: to our own origin) passes connect-src 'self'.
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('open');

    const visited: string[] = [];
    const navigation = page.locator('nav a');
    const labels = (await navigation.allTextContents()).map((label) => label.trim()).filter(Boolean);
    expect(labels).toEqual(
      expect.arrayContaining(['Inbox', 'Customers', 'Scripts', 'Privacy', 'Users', 'Audit log', 'Channels']),
    );
    for (const label of labels) {
      await navigation.filter({ hasText: label }).first().click();
      await page.waitForLoadState('networkidle');
      visited.push(new URL(page.url()).pathname);
    }
    // The screens one level down: a conversation, a customer, my account.
    await page.goto(`${server.baseUrl}/inbox`);
    await page.getByTestId('inbox-row').first().click();
    await page.waitForURL(/\/conversations\//);
    await page.waitForLoadState('networkidle');
    visited.push('/conversations/:id');
    await page.goto(`${server.baseUrl}/customers`);
    await page.waitForLoadState('networkidle');
    await page.locator('main a[href^="/customers/"]').first().click();
    await page.waitForURL(/\/customers\/[^/]+$/);
    await page.waitForLoadState('networkidle');
    visited.push('/customers/:id');
    await page.getByTestId('current-user').click();
    await page.waitForURL(/\/account/);
    await page.waitForLoadState('networkidle');
    visited.push('/account');

    expect(visited.length).toBeGreaterThanOrEqual(10);
    expect(await reportedViolations(page)).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('the API reference at /api/v1/docs renders its operations under the same policy', async () => {
    const page = await browser.newPage();
    await page.addInitScript(recordViolations);
    const seen = watch(page);
    const response = await page.goto(`${server.baseUrl}/api/v1/docs/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(50);
    // Open one operation: its schemas and the Problem responses render too.
    await page.locator('.swagger-ui .opblock-summary').first().click();
    await page.locator('.swagger-ui .responses-wrapper').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await reportedViolations(page)).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('no other site can frame the app', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.setContent(`<iframe src="${server.baseUrl}/login" width="400" height="300"></iframe>`);
    await page.waitForTimeout(1000);
    const frame = page.frames().find((candidate) => candidate.url().includes('/login'));
    // Chromium refuses the frame (frame-ancestors 'none' / X-Frame-Options DENY): the login form never appears in it.
    const framed = frame
      ? await frame
          .locator('input')
          .count()
          .catch(() => 0)
      : 0;
    expect(framed).toBe(0);
    expect(seen.violations.join('\n')).toMatch(/frame-ancestors|X-Frame-Options|Refused to/);
    await page.close();
  });
});

/** A company's site with its own strict CSP that lets Defuse in, as README describes. */
async function startStrictSite(): Promise<{ server: Server; origin: string; setDefuse(url: string): void }> {
  let defuse = '';
  const server = createServer((_request, response) => {
    const socketOrigin = defuse.replace(/^http/, 'ws');
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${defuse}; connect-src ${defuse} ${socketOrigin}; style-src 'unsafe-inline'; img-src data:`,
    });
    response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Our shop</h1>
<script src="${defuse}/widget.js" data-defuse-language="en" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, origin: `http://127.0.0.1:${port}`, setDefuse: (url) => (defuse = url) };
}

describe.runIf(chromiumAvailable)('the chat widget on a site with its own strict CSP', () => {
  let site: Awaited<ReturnType<typeof startStrictSite>>;
  let defuse: RestartableE2eServer;
  let browser: Browser;
  beforeAll(async () => {
    site = await startStrictSite();
    defuse = await startRestartableE2eServer({ WIDGET_ALLOWED_ORIGINS: site.origin });
    site.setDefuse(defuse.baseUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await defuse?.stop();
    site?.server.close();
  });

  it('loads cross-origin, talks to Defuse over HTTP and WebSocket, and reports no violation', async () => {
    const page = await browser.newPage();
    await page.addInitScript(recordViolations);
    const seen = watch(page);
    await page.goto(`${site.origin}/`);
    await page.getByTestId('defuse-launcher').click();
    await page.getByTestId('defuse-email').fill('strict-site@example.com');
    await page.getByTestId('defuse-name').fill('Stella Strict');
    await page.getByTestId('defuse-start-button').click();
    await page.getByTestId('defuse-input').fill('Hello from a strict site.');
    await page.getByTestId('defuse-send').click();
    // Acknowledged over the socket: the message is stored and no longer pending.
    await page.locator('[data-testid="defuse-message"][data-kind="customer"][data-pending="false"]').first().waitFor();
    expect(await reportedViolations(page)).toEqual([]);
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
