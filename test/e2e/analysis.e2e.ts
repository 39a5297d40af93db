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

async function waitUntilLive(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('open');
}

const abusiveText = 'You are useless idiots. I want a refund now or I will see you in court!';

describe.runIf(chromiumAvailable)('the message reading in a real browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let api: Record<string, string>;
  let conversationId = '';
  let messageId = '';

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    api = await signInOverHttp(server.baseUrl, 'admin@defuse.example', 'defuse-demo-2026');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('alerts a signed-in manager within a second when a customer turns abusive, and updates the inbox live', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'manager@defuse.example');
    await expect.poll(() => page.getByTestId('inbox-row').count()).toBeGreaterThan(5);
    await waitUntilLive(page);
    expect(await page.getByTestId('abuse-alert').count()).toBe(0);

    const sentAt = Date.now();
    const response = await fetch(`${server.baseUrl}/api/v1/inbound`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({ channel: 'chat', from: { email: 'e2e-abuse@example.com', name: 'Rita Rage' }, body: abusiveText }),
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { conversation: { id: string }; message: { id: string } };
    conversationId = created.conversation.id;
    messageId = created.message.id;

    const alert = page.locator(`[aria-live="assertive"] [data-testid="abuse-alert"][data-conversation-id="${conversationId}"]`);
    await alert.waitFor({ timeout: 1000 });
    expect(Date.now() - sentAt).toBeLessThan(1000);
    expect(await alert.textContent()).toContain('Rita Rage crossed a line');
    expect(await alert.getByRole('link').getAttribute('href')).toBe(`/conversations/${conversationId}`);
    expect(await page.getByTestId('abuse-alert-count').getAttribute('data-count')).toBe('1');

    // The inbox row arrives live with its heat, trend and flags.
    const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`);
    await row.waitFor({ timeout: 3000 });
    expect(Number(await row.getByTestId('heat-badge').getAttribute('data-heat'))).toBeGreaterThanOrEqual(40);
    expect(await row.getByTestId('trend-arrow').getAttribute('data-trend')).toMatch(/^(escalating|steady|cooling)$/);
    await row.locator('[data-testid="flag-chip"][data-flag="abuse"]').waitFor({ timeout: 3000 });

    // The alert stays until the manager dismisses it, a reload of the tab included.
    await page.reload();
    await alert.waitFor();
    await alert.getByRole('button', { name: /dismiss/i }).click();
    expect(await alert.count()).toBe(0);
    expect(await page.getByTestId('abuse-alert-count').count()).toBe(0);
    await page.close();
  });

  it('shows the agent the abuse banner, the insult marked with its label, and the reading', async () => {
    expect(conversationId).not.toBe('');
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'ana@defuse.example');
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);

    const banner = page.getByTestId('abuse-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain("You don't have to take abuse");

    const message = page.locator(`[data-testid="timeline-message"][data-message-id="${messageId}"]`);
    const insults = message.locator('[data-testid="evidence-mark"][data-signal~="abuse.insult"]');
    await expect.poll(() => insults.count()).toBeGreaterThan(0);
    expect(await insults.allTextContents()).toContain('idiots');
    const idiots = insults.filter({ hasText: 'idiots' }).first();
    expect(await idiots.evaluate((element) => element.tagName)).toBe('MARK');
    expect(await idiots.getAttribute('title')).toContain('Insult');
    // Reachable by keyboard, and described in plain words for screen readers.
    expect(await idiots.getAttribute('tabindex')).toBe('0');
    const describedBy = await idiots.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Insult');
    // The text itself is intact: highlighting only splits it into runs.
    expect(await message.locator('.message-body').textContent()).toBe(abusiveText);

    const reading = page.getByTestId('reading-panel');
    await reading.waitFor();
    await reading.getByTestId('heat-sparkline').waitFor();
    expect(await reading.getByTestId('heat-sparkline').locator('svg').getAttribute('aria-label')).toMatch(
      /^Heat over 1 customer message/,
    );
    expect(await reading.textContent()).toContain('English');
    expect(await reading.textContent()).toContain('Refund demand');
    await page.close();
  });

  it('sorts the inbox hottest first, and filters by flag', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'jonas@defuse.example');
    await expect.poll(() => page.getByTestId('inbox-row').count()).toBeGreaterThan(5);
    await page.getByTestId('inbox-sort').selectOption('heat');
    await page.waitForURL(/sort=heat/);
    await expect
      .poll(async () => {
        const heats = await page
          .locator('[data-testid="inbox-row"] [data-testid="heat-badge"]')
          .evaluateAll((badges) => badges.map((badge) => Number(badge.getAttribute('data-heat'))));
        return heats.length > 5 && heats.every((heat, index) => index === 0 || (heats[index - 1] ?? 0) >= heat);
      })
      .toBe(true);
    const first = page.getByTestId('inbox-row').first();
    expect(Number(await first.getByTestId('heat-badge').getAttribute('data-heat'))).toBeGreaterThanOrEqual(40);

    await page.getByTestId('inbox-flag').selectOption('abuse');
    await page.waitForURL(/flag=abuse/);
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${conversationId}"]`).waitFor();
    const rows = page.getByTestId('inbox-row');
    await expect
      .poll(async () => {
        const count = await rows.count();
        const flagged = await page.locator('[data-testid="inbox-row"]:has([data-testid="flag-chip"][data-flag="abuse"])').count();
        return count > 0 && count === flagged;
      })
      .toBe(true);
    await page.close();
  });

  it('lets an agent mark a label as wrong, thanks them, and stores the correction', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'leila@defuse.example');
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);
    const message = page.locator(`[data-testid="timeline-message"][data-message-id="${messageId}"]`);
    const button = message.getByTestId('correction-button');
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const option = message.locator('[data-testid="correction-option"][data-signal="intents.legal_threat"]');
    await option.click();
    await expect.poll(() => message.getByTestId('correction-thanks').textContent()).toContain("Thanks — we'll use this");
    expect(await option.isDisabled()).toBe(true);

    // And one it missed.
    await message.getByTestId('correction-missed').selectOption('intents.manager_request');
    await message.getByTestId('correction-missed-submit').click();
    await expect
      .poll(() => message.getByTestId('correction-missed').locator('option').allTextContents())
      .not.toContain('Asks for a manager');

    const manager = await signInOverHttp(server.baseUrl, 'manager@defuse.example', 'defuse-demo-2026');
    const stored = await fetch(`${server.baseUrl}/api/v1/analysis/corrections?messageId=${messageId}`, { headers: manager });
    expect(stored.status).toBe(200);
    const items = (
      (await stored.json()) as { items: Array<{ signal: string; verdict: string; messageId: string; text: string }> }
    ).items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ signal: 'intents.legal_threat', verdict: 'wrong', messageId, text: abusiveText }),
        expect.objectContaining({ signal: 'intents.manager_request', verdict: 'missed', messageId }),
      ]),
    );
    await page.close();
  });
});
