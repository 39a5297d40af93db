import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/auth/domain/totp.ts';
import { chromiumAvailable, launchBrowser, type RestartableE2eServer, startRestartableE2eServer } from './browser.ts';

const password = 'defuse-demo-2026';

/** Collects what chromium reports about the Content-Security-Policy while the page runs. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

describe.runIf(chromiumAvailable)('my account: two-factor sign-in, sessions and password in a real browser', () => {
  let server: RestartableE2eServer;
  let browser: Browser;
  beforeAll(async () => {
    // The key that seals TOTP secrets at rest; without it enrolment is refused.
    server = await startRestartableE2eServer({ CHANNEL_SECRET_KEY: 'c3'.repeat(32) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a manager turns on TOTP from My account, and the next sign-in asks for a code', async () => {
    const page = await browser.newPage();
    const violations = watchCsp(page);
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill('manager@defuse.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox/);

    await page.getByTestId('current-user').click();
    await page.waitForURL(/\/account/);
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await expect.poll(() => page.getByTestId('own-session').count()).toBe(1);
    expect(await page.getByTestId('own-session').textContent()).toContain('This device');

    // A wrong current password is named at its field.
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('a calmer passphrase for me');
    await page.getByLabel('Repeat new password').fill('a calmer passphrase for me');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('is not your current password').waitFor();

    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secret = await page.getByTestId('totp-secret').getAttribute('data-secret');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code from your app').fill(totpCode(secret ?? '', new Date()));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await expect.poll(() => page.getByTestId('two-factor-status').textContent()).toContain('On.');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill('manager@defuse.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    // The code for the next 30-second step: the one used to confirm cannot be used twice.
    await page.getByLabel('Authentication code').fill(totpCode(secret ?? '', new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL(/\/inbox/);
    expect(violations).toEqual([]);
  });

  it('when 2FA is required, an admin without it is taken to My account and can do nothing else until enrolled', async () => {
    const admin = await browser.newPage();
    const violations = watchCsp(admin);
    await admin.goto(`${server.baseUrl}/`);
    await admin.getByLabel('Email').fill('admin@defuse.example');
    await admin.getByLabel('Password').fill(password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/inbox/);
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByLabel('Require two-factor sign-in for admins and managers').check();
    await expect.poll(() => admin.getByLabel('Require two-factor sign-in for admins and managers').isChecked()).toBe(true);
    await admin.close();

    // A fresh browser context: the manager signs in on their own machine.
    const context = await browser.newContext();
    const page = await context.newPage();
    violations.push(...watchCsp(page));
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('Email').fill('jonas@defuse.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // An agent is not asked: only admins and managers are.
    await page.waitForURL(/\/inbox/);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);

    await page.getByLabel('Email').fill('admin@defuse.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account/);
    await page.getByTestId('enrolment-required').waitFor();
    // Every other page leads back here until a second factor is set up.
    await page.goto(`${server.baseUrl}/customers`);
    await page.waitForURL(/\/account/);
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret')) ?? '';
    await page.getByLabel('Code from your app').fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await expect.poll(() => page.getByTestId('two-factor-status').textContent()).toContain('On.');
    expect(await page.getByTestId('enrolment-required').count()).toBe(0);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.waitForURL(/\/customers/);
    await expect.poll(() => page.getByRole('heading', { name: 'Customers' }).count()).toBe(1);
    await context.close();
    expect(violations).toEqual([]);
  });
});
