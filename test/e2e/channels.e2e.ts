import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from '../support/server-process.ts';
import { chromiumAvailable, launchBrowser, type RestartableE2eServer, startRestartableE2eServer } from './browser.ts';

async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('defuse-demo-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox/);
}

const smtpPassword = 'never-shown-s3cret';

const transcript = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Agent>Good morning, this is Defuse support, Ana speaking.</v>

00:00:04.500 --> 00:00:09.000
<v Customer>This is the third time I call about the broken kettle. Nobody answers and I am furious!</v>

00:00:09.500 --> 00:00:12.000
<v Agent>I am sorry. I will send a replacement today.</v>

00:00:12.500 --> 00:00:15.000
<v Customer>Thank you, that finally helps.</v>
`;

describe.runIf(chromiumAvailable)('channel settings and call logs in a real browser', () => {
  let server: RestartableE2eServer;
  let browser: Browser;
  beforeAll(async () => {
    // A key for sealing mail server credentials, as a real deployment sets in its environment.
    server = await startRestartableE2eServer({ CHANNEL_SECRET_KEY: 'ab'.repeat(32) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets an admin save support addresses and widget origins, and never shows a credential again', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'admin@defuse.example');
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByTestId('channels-page').waitFor();
    await page.getByTestId('jobs-table').waitFor();
    expect(await page.getByTestId('embed-snippet').textContent()).toBe(`<script src="${server.baseUrl}/widget.js"></script>`);

    const email = page.getByTestId('email-settings');
    expect(await email.getByTestId('outbound-smtp-state').getAttribute('data-state')).toBe('not set');
    await email.getByTestId('support-addresses').fill('help@shop.example\nbilling@shop.example');
    await email.getByTestId('outbound-smtp-url').fill(`smtp://mailer:${smtpPassword}@127.0.0.1:2599`);
    await email.getByTestId('email-settings-save').click();
    await email.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await email.getByTestId('outbound-smtp-state').getAttribute('data-state')).toBe('set');

    const widget = page.getByTestId('widget-settings');
    await widget.getByTestId('allowed-origins').fill('https://shop.example\nhttps://www.shop.example/');
    await widget.getByTestId('widget-settings-save').click();
    await widget.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    await page.reload();
    await page.getByTestId('email-settings').waitFor();
    await page.getByTestId('widget-settings').waitFor();
    expect(await page.getByTestId('support-addresses').inputValue()).toBe('help@shop.example\nbilling@shop.example');
    expect(await page.getByTestId('allowed-origins').inputValue()).toBe('https://shop.example\nhttps://www.shop.example');
    expect(await page.getByTestId('outbound-smtp-state').getAttribute('data-state')).toBe('set');
    expect(await page.getByTestId('outbound-smtp-state').textContent()).toBe('Set');
    expect(await page.getByTestId('imap-password-state').getAttribute('data-state')).toBe('not set');
    expect(await page.getByTestId('outbound-smtp-url').inputValue()).toBe('');
    expect(await page.content()).not.toContain(smtpPassword);
    expect(await page.getByTestId('email-settings').textContent()).toContain('stored encrypted');
    await page.close();
  });

  it('lets an agent log a call with a .vtt transcript whose customer turns appear analysed in the timeline', async () => {
    const api = await signInOverHttp(server.baseUrl, 'ana@defuse.example', 'defuse-demo-2026');
    const list = await fetch(`${server.baseUrl}/api/v1/conversations?status=open&limit=5`, { headers: api });
    const conversationId = ((await list.json()) as { items: Array<{ id: string }> }).items[0]?.id;
    expect(conversationId).toBeDefined();

    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'ana@defuse.example');
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);
    await page.getByTestId('timeline-message').first().waitFor();
    await page.getByText('Log a call', { exact: true }).click();
    const form = page.getByTestId('log-call');

    // Field errors: the form's own, then the server's reading of a broken transcript.
    await form.getByTestId('log-call-submit').click();
    await form.getByText('How long did it take, in minutes?').waitFor();
    await form.getByTestId('call-duration').fill('4.5');
    await form.getByTestId('call-transcript').fill('WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nhi');
    await form.getByTestId('log-call-submit').click();
    await form
      .locator('.field-error')
      .filter({ hasText: /line 3/ })
      .waitFor();

    await form.getByTestId('call-transcript').fill('');
    await form
      .getByTestId('call-transcript-file')
      .setInputFiles({ name: 'call.vtt', mimeType: 'text/vtt', buffer: Buffer.from(transcript) });
    await expect.poll(() => form.getByTestId('call-transcript').inputValue()).toContain('third time I call');
    await form.getByTestId('call-outcome').selectOption('follow-up');
    await form.getByTestId('call-notes').fill('Replacement kettle promised.');
    await form.getByTestId('log-call-submit').click();
    await form.getByRole('status').filter({ hasText: '4 transcript turns' }).waitFor();

    const angry = page.locator('[data-testid="timeline-message"][data-kind="customer"]', { hasText: 'third time I call' });
    await angry.waitFor();
    await angry.getByTestId('heat-badge').waitFor();
    await page
      .locator('[data-testid="timeline-message"][data-kind="customer"]', { hasText: 'that finally helps' })
      .getByTestId('heat-badge')
      .waitFor();
    await page.locator('[data-testid="timeline-message"][data-kind="agent"]', { hasText: 'send a replacement today' }).waitFor();
    await page.getByTestId('call-list').filter({ hasText: 'Replacement kettle promised.' }).waitFor();
    await page.close();
  });
  it('shows an e-mail reply waiting in the outbox while the mail server is unreachable', async () => {
    const api = await signInOverHttp(server.baseUrl, 'ana@defuse.example', 'defuse-demo-2026');
    const list = await fetch(`${server.baseUrl}/api/v1/conversations?channel=email&status=open&limit=5`, { headers: api });
    const conversationId = ((await list.json()) as { items: Array<{ id: string }> }).items[0]?.id;
    expect(conversationId).toBeDefined();
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'ana@defuse.example');
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);
    await page.getByTestId('composer-input').fill('I am sorry for the wait. I will check your order and write back by 15:00.');
    await page.getByTestId('composer-send').click();
    const reply = page.locator('[data-testid="timeline-message"][data-kind="agent"]', { hasText: 'write back by 15:00' });
    // The first test pointed outbound SMTP at a closed port: the reply waits, it is not lost.
    await expect.poll(() => reply.getByTestId('delivery-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('queued');
    await page.close();
  });
});
