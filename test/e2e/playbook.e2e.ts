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

interface Summary {
  id: string;
  subject: string;
  status: string;
  heat: number;
  customer: { id: string; name: string; country: string };
}

describe.runIf(chromiumAvailable)('the playbook, scripts and reply coach in a real browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let api: Record<string, string>;
  let conversationId = '';

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    api = await signInOverHttp(server.baseUrl, 'ana@defuse.example', 'defuse-demo-2026');

    // The Romanian double charge in lei from the demo company.
    const listed = await fetch(`${server.baseUrl}/api/v1/conversations?status=open,pending,escalated&limit=100`, {
      headers: api,
    });
    const items = ((await listed.json()) as { items: Summary[] }).items;
    const demo = items.find((item) => item.customer.country === 'RO' && /ORD-48213/.test(item.subject));
    if (!demo) throw new Error('the demo Romanian double-charge conversation is missing');
    const detail = (await (await fetch(`${server.baseUrl}/api/v1/conversations/${demo.id}`, { headers: api })).json()) as {
      messages: Array<{ kind: string; body: string }>;
    };
    const firstMessage = detail.messages.find((message) => message.kind === 'customer');
    if (!firstMessage) throw new Error('the demo conversation has no customer message');
    // In the demo data Ana already answered it, so its playbook is at the follow-up. Close that case and let
    // Mihai write the same hot complaint again: a fresh case at step 1, same customer, same order, same lei.
    const closed = await fetch(`${server.baseUrl}/api/v1/conversations/${demo.id}`, {
      method: 'PATCH',
      headers: api,
      body: JSON.stringify({ status: 'resolved' }),
    });
    expect(closed.status).toBe(200);
    const inbound = await fetch(`${server.baseUrl}/api/v1/inbound`, {
      method: 'POST',
      headers: api,
      body: JSON.stringify({
        channel: 'email',
        from: { email: 'mihai.ionescu@example.ro', name: demo.customer.name },
        subject: demo.subject,
        body: firstMessage.body,
      }),
    });
    expect(inbound.status).toBe(201);
    const created = (await inbound.json()) as { conversation: Summary; conversationCreated: boolean };
    expect(created.conversationCreated).toBe(true);
    expect(created.conversation.heat).toBeGreaterThanOrEqual(60);
    conversationId = created.conversation.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('guides an agent through the first step, coaches the draft, and advances the playbook on send', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'ana@defuse.example');
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);

    // Step 1 guidance beside the conversation.
    const panel = page.getByTestId('guidance-panel');
    await panel.waitFor();
    const step = panel.getByTestId('playbook-step');
    await expect.poll(() => step.getAttribute('data-step')).toBe('1');
    expect(await step.textContent()).toContain('Initial contact');
    expect(await panel.getByText('What to do now').count()).toBe(1);
    const acknowledge = panel.locator('[data-testid="checklist-item"][data-item-id="acknowledge-feelings"]');
    expect(await acknowledge.getAttribute('data-ticked')).toBe('false');
    // ANPC (the consumer authority) in the message: the playbook suggests involving a manager.
    await panel.locator('[data-testid="playbook-suggestion"][data-kind="escalate"]').waitFor();

    // The acknowledgement script, already in Romanian and filled with his name.
    const script = page.locator('[data-testid="script-suggestion"][data-key="ro-acknowledge"]');
    await script.waitFor();
    const scriptText = (await script.getByTestId('script-text').textContent()) ?? '';
    expect(scriptText).toContain('Mihai Ionescu');
    expect(scriptText).toContain('Înțeleg cât de neplăcut este pentru dumneavoastră');
    expect(scriptText).not.toContain('{{');
    await script.getByTestId('script-insert').click();
    const composer = page.getByTestId('composer-input');
    await expect.poll(() => composer.inputValue()).toBe(scriptText);
    expect(await page.getByTestId('composer-template').getAttribute('data-key')).toBe('ro-acknowledge');
    // Unchanged to a hot customer: a gentle "make it personal".
    await page.locator('[data-testid="coach-finding"][data-kind="unchanged-template"]').waitFor();

    // "Calm down" gets flagged, with kinder words one click away.
    await composer.press('Control+End');
    await composer.pressSequentially('\n\nPlease calm down.');
    const condescension = page.locator('[data-testid="coach-finding"][data-kind="condescension"]');
    await condescension.waitFor();
    expect(await condescension.textContent()).toContain('calm down');
    expect(await condescension.textContent()).toContain('I can hear how frustrating this has been');
    await expect.poll(() => page.getByTestId('coach-highlights').getAttribute('data-state')).toBe('current');
    expect(await page.locator('[data-testid="coach-highlights"] mark[data-kind="condescension"]').textContent()).toBe(
      'calm down',
    );
    expect(await page.getByTestId('coach-score').count()).toBe(5);
    expect(await page.locator('[data-testid="coach-score"][data-dimension="empathy"]').count()).toBe(1);

    await condescension.getByTestId('coach-use-suggestion').click();
    await expect.poll(() => composer.inputValue()).toContain('I can hear how frustrating this has been, and I want to fix it.');
    expect(await composer.inputValue()).not.toMatch(/calm down/i);
    await expect.poll(() => condescension.count()).toBe(0);

    await page.getByTestId('composer-send').click();
    await page
      .locator('[data-testid="timeline-message"][data-kind="agent"]', { hasText: 'I can hear how frustrating this has been' })
      .waitFor();

    // The coach ticked the checklist from the reply, and the playbook moved on to step 2.
    await expect.poll(() => acknowledge.getAttribute('data-ticked')).toBe('true');
    await expect.poll(() => step.getAttribute('data-step')).toBe('2');
    expect(await step.textContent()).toContain('Listen actively');
    await page.locator('[data-testid="timeline-playbook"][data-kind="tick"]', { hasText: 'Acknowledge how they feel' }).waitFor();
    expect(
      await page
        .locator('[data-testid="timeline-playbook"][data-kind="tick"]', { hasText: 'Acknowledge how they feel' })
        .textContent(),
    ).toContain("by the coach, from Ana's reply");
    await page
      .locator('[data-testid="timeline-playbook"][data-kind="step"]', { hasText: 'Moved to step 2, Listen actively' })
      .waitFor();

    // What went out is stored with the template it came from.
    const stored = await fetch(`${server.baseUrl}/api/v1/conversations/${conversationId}`, { headers: api });
    const messages = ((await stored.json()) as { messages: Array<{ kind: string; coach?: { insertedTemplate: unknown } }> })
      .messages;
    expect(messages.find((message) => message.kind === 'agent')?.coach?.insertedTemplate).toEqual({
      key: 'ro-acknowledge',
      unchanged: false,
    });

    // The customer panel shows how to write to someone in Romania.
    const regional = page.getByTestId('regional-guidance');
    await regional.waitFor();
    expect(await regional.textContent()).toContain('dumneavoastră');
    expect(await regional.getByTestId('regional-hours').getAttribute('data-open')).toMatch(/^(true|false)$/);
    await page.close();
  });

  it('lets the agent tick by hand, move the step with a reason, and dismiss a suggestion with a reason', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'ana@defuse.example');
    await page.goto(`${server.baseUrl}/conversations/${conversationId}`);
    const panel = page.getByTestId('guidance-panel');
    const letThemVent = panel.locator('[data-testid="checklist-item"][data-item-id="let-them-vent"]');
    await letThemVent.getByRole('checkbox').check();
    await expect.poll(() => letThemVent.getAttribute('data-ticked')).toBe('true');
    expect(await letThemVent.textContent()).toContain('ticked by you');

    const suggestion = panel.locator('[data-testid="playbook-suggestion"][data-kind="escalate"]');
    await suggestion.getByTestId('suggestion-dismiss').click();
    await suggestion.getByTestId('suggestion-dismiss-confirm').click();
    expect(await suggestion.getByRole('alert').count()).toBe(0);
    expect(await suggestion.locator('.field-error').textContent()).toContain('why');
    await suggestion.getByTestId('suggestion-dismiss-reason').fill('Marta already has the refund approval');
    await suggestion.getByTestId('suggestion-dismiss-confirm').click();
    await expect.poll(() => suggestion.count()).toBe(0);

    await panel.getByText('Move to another step').click();
    await panel.getByTestId('playbook-move-to').selectOption('resolve');
    await panel.getByTestId('playbook-move-reason').fill('He confirmed the details on the phone');
    await panel.getByTestId('playbook-move').click();
    await expect.poll(() => panel.getByTestId('playbook-step').getAttribute('data-step')).toBe('4');
    await page
      .locator('[data-testid="timeline-playbook"][data-kind="step"]', { hasText: 'He confirmed the details on the phone' })
      .waitFor();
    await page.close();
  });

  it('lets QA write a script, edit it into a new version and retire it; admins edit regional guidance', async () => {
    const page = await browser.newPage();
    await signIn(page, server.baseUrl, 'qa@defuse.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scripts' }).click();
    await page.waitForURL(/\/library\/scripts/);
    await expect.poll(() => page.getByTestId('script-row').count()).toBeGreaterThan(40);
    await page.getByTestId('scripts-filter-language').selectOption('ro');
    await expect
      .poll(async () => {
        const count = await page.getByTestId('script-row').count();
        return count > 0 && count < 20;
      })
      .toBe(true);
    await page.getByTestId('scripts-filter-language').selectOption('');

    await page.getByTestId('script-new').click();
    const form = page.getByTestId('script-form');
    await form.getByTestId('script-form-title').fill('E2E thank you for waiting');
    await form.getByTestId('script-form-body').fill('Thank you for waiting, {{customer.firstName}}. I am on it.');
    await form.getByRole('button', { name: 'Add to the library' }).click();
    const row = page.locator('[data-testid="script-row"][data-key="custom-e2e-thank-you-for-waiting"]');
    await row.waitFor();
    await row.getByRole('button', { name: /^Edit/ }).click();
    await page
      .getByTestId('script-form')
      .getByTestId('script-form-body')
      .fill('Thank you for your patience, {{customer.firstName}}.');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'version 2' }).waitFor();
    await row.getByRole('button', { name: /^History/ }).click();
    await expect.poll(() => page.getByTestId('script-versions').locator('.version').count()).toBe(2);
    await row.getByRole('button', { name: /^Retire/ }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.close();

    const admin = await browser.newPage();
    await signIn(admin, server.baseUrl, 'admin@defuse.example');
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Regional guidance' }).click();
    await admin.getByTestId('regional-country').selectOption('RO');
    const regionalForm = admin.getByTestId('regional-form');
    await regionalForm.getByLabel('Notes for agents').fill('Quote amounts in lei.\nOffer a call in Romanian if they prefer.');
    await regionalForm.getByRole('button', { name: 'Save guidance' }).click();
    await admin.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const stored = await fetch(`${server.baseUrl}/api/v1/regional-guidance`, { headers: api });
    const items = ((await stored.json()) as { items: Record<string, { notes: string[]; edited: boolean }> }).items;
    expect(items.RO).toMatchObject({
      edited: true,
      notes: ['Quote amounts in lei.', 'Offer a call in Romanian if they prefer.'],
    });
    await admin.close();
  });
});
