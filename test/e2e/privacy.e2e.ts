import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../../src/channels/email/test-support/smtp-sink.ts';
import { signInOverHttp } from '../support/server-process.ts';
import { chromiumAvailable, launchBrowser, type RestartableE2eServer, startRestartableE2eServer } from './browser.ts';

const password = 'defuse-demo-2026';

/** The company's own site on another loopback origin, embedding the widget. */
async function startCustomerSite(): Promise<{ server: Server; port: number; setDefuse(url: string): void }> {
  let defuse = '';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Our shop</h1>
<script src="${defuse}/widget.js" data-defuse-language="en" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, setDefuse: (url) => (defuse = url) };
}

async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/);
  return page;
}

describe.runIf(chromiumAvailable)('privacy in the browser: widget verification, export and erasure', () => {
  let site: Awaited<ReturnType<typeof startCustomerSite>>;
  let sink: SmtpSink;
  let defuse: RestartableE2eServer;
  let browser: Browser;
  beforeAll(async () => {
    site = await startCustomerSite();
    sink = await startSmtpSink();
    defuse = await startRestartableE2eServer({
      WIDGET_ALLOWED_ORIGINS: `http://127.0.0.1:${site.port}`,
      SUPPORT_ADDRESSES: 'support@defuse.example',
      OUTBOUND_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SMTP_INBOUND_ENABLED: 'false',
      JOB_POLL_INTERVAL_MS: '100',
    });
    site.setDefuse(defuse.baseUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await defuse?.stop();
    await sink?.close();
    site?.server.close();
  });

  it("keeps an e-mail-only visitor apart from that customer's record until they type the e-mailed code", async () => {
    const visitorContext = await browser.newContext();
    const visitor = await visitorContext.newPage();
    await visitor.goto(`http://127.0.0.1:${site.port}/`);
    await visitor.getByTestId('defuse-launcher').click();
    await visitor.getByTestId('defuse-email').fill('mihai.ionescu@example.ro');
    await visitor.getByTestId('defuse-start-button').click();
    await visitor.getByTestId('defuse-input').fill('Where is my order? I am Mihai.');
    await visitor.getByTestId('defuse-send').click();
    await visitor.locator('[data-testid="defuse-message"][data-pending="false"]').first().waitFor();

    const api = await signInOverHttp(defuse.baseUrl, 'admin@defuse.example', password);
    const list = await fetch(`${defuse.baseUrl}/api/v1/conversations?channel=chat&limit=10`, { headers: api });
    const items = ((await list.json()) as { items: Array<{ id: string; customer: { name: string } }> }).items;
    const conversation = items.find((item) => item.customer.name.startsWith('Unverified visitor'));
    expect(conversation, JSON.stringify(items)).toBeDefined();

    const agentContext = await browser.newContext();
    const agent = await signIn(agentContext, defuse.baseUrl, 'ana@defuse.example');
    await agent.goto(`${defuse.baseUrl}/conversations/${conversation?.id}`);
    await agent.getByTestId('unverified-visitor').waitFor();
    expect(await agent.locator('.conversation-kicker').textContent()).not.toContain('Mihai Ionescu');

    await visitor.getByTestId('defuse-send-code').click();
    await expect.poll(() => sink.received.length, { timeout: 10_000 }).toBe(1);
    const code = /\b(\d{6})\b/.exec(sink.received[0]?.parsed.text ?? '')?.[1] ?? '';
    expect(sink.received[0]?.envelopeTo).toEqual(['mihai.ionescu@example.ro']);
    await visitor.getByTestId('defuse-code').fill(code);
    await visitor.getByTestId('defuse-verify-button').click();
    await expect.poll(() => visitor.getByTestId('defuse-status').textContent()).toContain('verified');
    expect(await visitor.getByTestId('defuse-verify').count()).toBe(0);

    await agent.reload();
    await agent.locator('.conversation-kicker').filter({ hasText: 'Mihai Ionescu' }).waitFor();
    expect(await agent.getByTestId('unverified-visitor').count()).toBe(0);
    // The verified chat still flows: the agent's reply reaches the widget.
    await expect.poll(() => agent.getByTestId('connection-status').getAttribute('data-state')).toBe('open');
    await agent.getByTestId('composer-input').fill('Thank you, Mihai, I can see your order now.');
    await agent.getByTestId('composer-send').click();
    await visitor
      .locator('[data-testid="defuse-message"][data-kind="agent"]')
      .filter({ hasText: 'I can see your order now' })
      .waitFor({ timeout: 5000 });
    await visitorContext.close();
    await agentContext.close();
  });

  it('lets a manager export a customer as a readable page and request erasure, and another person approve it', async () => {
    const api = await signInOverHttp(defuse.baseUrl, 'admin@defuse.example', password);
    const found = await fetch(`${defuse.baseUrl}/api/v1/customers?query=andrei.stan`, { headers: api });
    const customer = ((await found.json()) as { items: Array<{ id: string; name: string }> }).items[0];
    expect(customer?.name).toBe('Andrei Stan');

    const managerContext = await browser.newContext();
    const manager = await signIn(managerContext, defuse.baseUrl, 'manager@defuse.example');
    await manager.goto(`${defuse.baseUrl}/customers/${customer?.id}`);
    const [exportPage] = await Promise.all([
      managerContext.waitForEvent('page'),
      manager.getByRole('link', { name: 'Export data' }).click(),
    ]);
    await exportPage.waitForLoadState();
    await exportPage.getByRole('heading', { name: 'Everything Defuse holds about Andrei Stan' }).waitFor();
    await exportPage.getByRole('heading', { name: 'Conversations' }).waitFor();
    await exportPage.close();

    await manager.getByRole('button', { name: 'Request erasure' }).click();
    const dialog = manager.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('The customer asked us to forget him.');
    await dialog.getByRole('button', { name: 'Request erasure' }).click();
    await manager.getByRole('status').filter({ hasText: 'Erasure requested' }).waitFor();
    // The proposer sees the request but cannot decide it.
    await manager.getByRole('link', { name: 'Privacy' }).first().click();
    await manager.getByTestId('erasure-request').filter({ hasText: 'You proposed this' }).waitFor();

    const adminContext = await browser.newContext();
    const admin = await signIn(adminContext, defuse.baseUrl, 'admin@defuse.example');
    await admin.getByRole('navigation').getByRole('link', { name: 'Privacy' }).click();
    const request = admin.getByTestId('erasure-request').filter({ hasText: 'Andrei Stan' });
    await request.getByRole('button', { name: 'Approve…' }).click();
    await request.getByRole('button', { name: 'Yes, erase now' }).click();
    await admin.getByText('No requests.').waitFor();

    await admin.goto(`${defuse.baseUrl}/customers/${customer?.id}`);
    await admin.getByRole('heading', { name: /^Erased customer #\d+$/ }).waitFor();
    const search = await fetch(`${defuse.baseUrl}/api/v1/customers?query=Andrei%20Stan`, { headers: api });
    expect(((await search.json()) as { items: unknown[] }).items).toEqual([]);

    // Retention is off until an admin sets it.
    await admin.getByRole('navigation').getByRole('link', { name: 'Privacy' }).click();
    await expect.poll(() => admin.getByTestId('retention-state').textContent()).toBe('Retention is off.');
    await admin.getByLabel('Months (leave empty to turn off)').fill('24');
    await admin.getByRole('button', { name: 'Save retention' }).click();
    await expect.poll(() => admin.getByTestId('retention-state').textContent()).toContain('24 months');
    await managerContext.close();
    await adminContext.close();
  });
});
