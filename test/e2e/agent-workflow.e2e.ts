import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from '../support/server-process.ts';
import { chromiumAvailable, type E2eServer, launchBrowser, startE2eServer } from './browser.ts';

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('defuse-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/);
}

describe.runIf(chromiumAvailable)('an agent works the inbox in a real browser', () => {
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

  it('signs in, opens a conversation, sees a new inbound message appear live and replies', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'ana@defuse.example');
    await expect.poll(() => page.getByTestId('inbox-row').count()).toBeGreaterThan(5);
    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('open');

    // A customer writes in through the API while the agent watches.
    const api = await signInOverHttp(server.baseUrl, 'admin@defuse.example', 'defuse-demo-2026');
    const first = await fetch(`${server.baseUrl}/api/v1/inbound`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({
        channel: 'chat',
        from: { email: 'e2e-live@example.com', name: 'Lina Live' },
        body: 'Hello, my parcel is missing.',
      }),
    });
    const conversationId = ((await first.json()) as { conversation: { id: string } }).conversation.id;
    const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`);
    await row.waitFor({ timeout: 3000 });
    await row.click();
    await page.waitForURL(new RegExp(`/conversations/${conversationId}`));
    await expect.poll(() => page.getByTestId('customer-panel').textContent()).toContain('Lina Live');

    const sentAt = Date.now();
    await fetch(`${server.baseUrl}/api/v1/inbound`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({
        channel: 'chat',
        from: { email: 'e2e-live@example.com' },
        body: 'Are you still there? It was a birthday present.',
      }),
    });
    await page.getByText('It was a birthday present.').waitFor({ timeout: 1500 });
    expect(Date.now() - sentAt).toBeLessThan(1500);

    await page
      .getByTestId('composer-input')
      .fill('I am sorry, Lina. I have asked the courier and will write back by 15:00 today.');
    await page.getByTestId('composer-send').click();
    await page.locator('[data-testid="timeline-message"][data-kind="agent"]', { hasText: 'by 15:00 today' }).waitFor();
    const stored = await fetch(`${server.baseUrl}/api/v1/conversations/${conversationId}`, { headers: api });
    const timeline = ((await stored.json()) as { messages: Array<{ kind: string; body: string }> }).messages;
    expect(timeline.map((message) => message.kind)).toEqual(['customer', 'customer', 'agent']);
    await page.close();
  });

  it('shows customer text that looks like markup as plain text and never runs it', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await signIn(page, server.baseUrl, 'leila@defuse.example');
    const hostile = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script><b>bold?</b>';
    const api = await signInOverHttp(server.baseUrl, 'admin@defuse.example', 'defuse-demo-2026');
    const response = await fetch(`${server.baseUrl}/api/v1/inbound`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({
        channel: 'email',
        subject: '<script>alert(3)</script>',
        from: { email: 'xss@example.com', name: '<img src=x onerror=alert(4)>' },
        body: hostile,
      }),
    });
    const conversationId = ((await response.json()) as { conversation: { id: string } }).conversation.id;
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);
    const message = page.locator('[data-testid="timeline-message"][data-kind="customer"]').first();
    await message.waitFor();
    expect(await message.textContent()).toContain(hostile);
    expect(await page.locator('[data-testid="timeline-message"] img, [data-testid="timeline-message"] b').count()).toBe(0);
    expect(await page.getByTestId('customer-panel').textContent()).toContain('<img src=x onerror=alert(4)>');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('stacks the customer panel below the conversation on a phone-sized screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, 'jonas@defuse.example');
    await page.getByTestId('inbox-row').first().click();
    const composer = await page.getByTestId('composer-input').boundingBox();
    const panel = await page.getByTestId('customer-panel').boundingBox();
    expect(composer && panel && panel.y > composer.y).toBe(true);
    expect(panel?.width ?? 0).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('lets an admin read the audit log, which shows their own sign-in', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'admin@defuse.example');
    await page.goto(`${server.baseUrl}/admin/audit`);
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('audit-row').first().textContent()).toMatch(/sign/i);
    await page.close();
  });
});
