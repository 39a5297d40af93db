import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp } from '../support/server-process.ts';
import { chromiumAvailable, type E2eServer, launchBrowser, startE2eServer } from './browser.ts';

describe.runIf(chromiumAvailable)('an admin reads the audit trail in a real browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let customer: { id: string; name: string; tier: string };
  let newTier: string;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    // A manager changes a customer's tier through the API: the change the admin will look for.
    const manager = await signInOverHttp(server.baseUrl, 'admin@defuse.example', 'defuse-demo-2026');
    const list = await fetch(`${server.baseUrl}/api/v1/customers?limit=1`, { headers: manager });
    [customer] = ((await list.json()) as { items: Array<{ id: string; name: string; tier: string }> }).items as [
      { id: string; name: string; tier: string },
    ];
    newTier = customer.tier === 'vip' ? 'gold' : 'vip';
    const patch = await fetch(`${server.baseUrl}/api/v1/customers/${customer.id}`, {
      method: 'PATCH',
      headers: manager,
      body: JSON.stringify({ tier: newTier }),
    });
    expect(patch.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in from /, opens the audit log from the menu, reads names and changes, filters, and downloads CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('Email').fill('admin@defuse.example');
    await page.getByLabel('Password').fill('defuse-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/admin\/audit/);
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(0);

    // Names and readable changes, not ids and JSON.
    const change = page.getByTestId('audit-change').filter({ hasText: `Tier: ${customer.tier} → ${newTier}` });
    await expect.poll(() => change.count()).toBe(1);
    const row = page.getByTestId('audit-row').filter({ has: change });
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(customer.name);
    expect(rowText).toContain('Customer changed');
    expect(rowText).not.toContain(customer.id);
    expect(rowText).not.toContain('{"');
    // The subject links to the customer's page.
    expect(await row.getByRole('link', { name: customer.name }).getAttribute('href')).toBe(`/customers/${customer.id}`);

    // Filter to customer changes only.
    await page.getByLabel('Action').fill('customer.updated');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=customer\.updated/);
    await expect
      .poll(async () =>
        (await page.getByTestId('audit-row').allTextContents()).every((text) => text.includes('Customer changed')),
      )
      .toBe(true);
    expect(await page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    await page.getByLabel('Action').fill('token.revoked');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.getByText('Nothing matches these filters.').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(1);

    // The CSV download carries the same change, readable.
    await page.getByLabel('Action').fill('customer.*');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/action=customer/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('"Who","Via token","Action"');
    expect(csv).toContain(`Tier: ${customer.tier} → ${newTier}`);
    expect(csv).toContain(customer.name);
    expect(csv).not.toContain('"auth.signed-in"');
    await context.close();
  });
});
