import { createServer, type Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from '../support/server-process.ts';
import { chromiumAvailable, launchBrowser, type RestartableE2eServer, startRestartableE2eServer } from './browser.ts';

/** The company's own site: another origin on loopback, embedding the widget with one script tag. */
async function startCustomerSite(): Promise<{ server: Server; port: number; setDefuse(url: string): void }> {
  let defuse = '';
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop</title></head><body><h1>Our shop</h1>
<script src="${defuse}/widget.js" data-defuse-language="en" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, setDefuse: (url) => (defuse = url) };
}

describe.runIf(chromiumAvailable)('live chat between a customer page and the agent app', () => {
  let site: Awaited<ReturnType<typeof startCustomerSite>>;
  let defuse: RestartableE2eServer;
  let browser: Browser;
  let customerContext: BrowserContext;
  let agentContext: BrowserContext;
  beforeAll(async () => {
    site = await startCustomerSite();
    defuse = await startRestartableE2eServer({ WIDGET_ALLOWED_ORIGINS: `http://127.0.0.1:${site.port}` });
    site.setDefuse(defuse.baseUrl);
    browser = await launchBrowser();
    customerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    agentContext = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await defuse?.stop();
    site?.server.close();
  });

  const widgetMessages = (page: Page, kind: 'customer' | 'agent') =>
    page.locator(`[data-testid="defuse-message"][data-kind="${kind}"][data-pending="false"]`);

  it('carries messages both ways, and survives a server restart with nothing lost or doubled', async () => {
    const customer = await customerContext.newPage();
    await customer.goto(`http://127.0.0.1:${site.port}/`);
    await customer.getByTestId('defuse-launcher').click();
    await customer.getByTestId('defuse-email').fill('widget-e2e@example.com');
    await customer.getByTestId('defuse-name').fill('Wanda Widget');
    await customer.getByTestId('defuse-start-button').click();
    await customer.getByTestId('defuse-input').fill('Hi, my order 4711 has not arrived.');
    await customer.getByTestId('defuse-send').click();
    await widgetMessages(customer, 'customer').first().waitFor();
    // Phone-sized: the chat window fills the screen.
    const panel = await customer.getByTestId('defuse-panel').boundingBox();
    expect(panel?.width).toBe(390);

    const api = await signInOverHttp(defuse.baseUrl, 'admin@defuse.example', 'defuse-demo-2026');
    const list = await fetch(`${defuse.baseUrl}/api/v1/conversations?channel=chat&limit=5`, { headers: api });
    const items = ((await list.json()) as { items: Array<{ id: string; customer: { name: string } }> }).items;
    // An e-mail-only visitor is unverified: their case sits on a stand-in record named after what they typed.
    const conversation = items.find((item) => item.customer.name === 'Unverified visitor (Wanda Widget)');
    expect(conversation).toBeDefined();

    const agent = await agentContext.newPage();
    await agent.goto(`${defuse.baseUrl}/login`);
    await agent.getByLabel('Email').fill('ana@defuse.example');
    await agent.getByLabel('Password').fill('defuse-demo-2026');
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.waitForURL(/\/inbox/);
    await agent.goto(`${defuse.baseUrl}/conversations/${conversation?.id}`);
    await agent.getByTestId('timeline-message').filter({ hasText: 'my order 4711 has not arrived' }).waitFor();
    await expect.poll(() => agent.getByTestId('connection-status').getAttribute('data-state')).toBe('open');

    // Live from the widget to the agent's screen.
    await customer.getByTestId('defuse-input').fill('It was a birthday present.');
    await customer.getByTestId('defuse-send').click();
    await agent.getByTestId('timeline-message').filter({ hasText: 'It was a birthday present.' }).waitFor({ timeout: 3000 });

    await agent.getByTestId('composer-input').fill('I am sorry, Wanda. I have asked the courier and will write by 15:00.');
    await agent.getByTestId('composer-send').click();
    await widgetMessages(customer, 'agent').filter({ hasText: 'will write by 15:00' }).waitFor({ timeout: 3000 });

    // The Defuse server restarts mid-conversation.
    await defuse.restart();
    await expect
      .poll(() => customer.getByTestId('defuse-panel').getAttribute('data-connected'), { timeout: 15_000 })
      .toBe('true');
    expect(await widgetMessages(customer, 'customer').count()).toBe(2);
    expect(await widgetMessages(customer, 'agent').count()).toBe(1);

    await customer.getByTestId('defuse-input').fill('Thank you. Still here after your restart?');
    await customer.getByTestId('defuse-send').click();
    await widgetMessages(customer, 'customer').nth(2).waitFor({ timeout: 5000 });
    await agent.reload();
    await agent.getByTestId('timeline-message').filter({ hasText: 'Still here after your restart?' }).waitFor({ timeout: 5000 });
    await expect.poll(() => agent.getByTestId('connection-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('open');
    await agent.getByTestId('composer-input').fill('Yes, Wanda. The courier confirmed delivery tomorrow.');
    await agent.getByTestId('composer-send').click();
    await widgetMessages(customer, 'agent').filter({ hasText: 'delivery tomorrow' }).waitFor({ timeout: 5000 });

    // A fresh page load rebuilds the whole chat from the server: intact, in order, no duplicates.
    await customer.reload();
    await customer.getByTestId('defuse-launcher').click();
    await expect.poll(() => customer.locator('[data-testid="defuse-message"]').count(), { timeout: 5000 }).toBe(5);
    const bubbles = await customer.locator('[data-testid="defuse-message"]').allTextContents();
    expect(bubbles).toEqual([
      'Hi, my order 4711 has not arrived.',
      'It was a birthday present.',
      'I am sorry, Wanda. I have asked the courier and will write by 15:00.',
      'Thank you. Still here after your restart?',
      'Yes, Wanda. The courier confirmed delivery tomorrow.',
    ]);
    const stored = await fetch(`${defuse.baseUrl}/api/v1/conversations/${conversation?.id}`, {
      headers: await signInOverHttp(defuse.baseUrl, 'admin@defuse.example', 'defuse-demo-2026'),
    });
    const timeline = ((await stored.json()) as { messages: Array<{ kind: string }> }).messages;
    expect(timeline.map((message) => message.kind)).toEqual(['customer', 'customer', 'agent', 'customer', 'agent']);
  });
});
