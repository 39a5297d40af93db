import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';

for (const dialect of testDialects) {
  describe(`the playbook, scripts and reply coach in a real conversation, on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    let conversationId: string;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
      const customer = await test.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: agent.headers,
        payload: {
          name: 'Mihai Ionescu',
          emails: ['mihai@example.ro'],
          country: 'RO',
          language: 'ro',
          currency: 'RON',
          timeZone: 'Europe/Bucharest',
        },
      });
      await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: agent.headers,
        payload: {
          customerId: customer.json().id,
          reference: 'ORD-55120',
          amount: { amountMinor: 124_900, currency: 'RON' },
          status: 'disputed',
          orderedAt: '2026-11-10T10:00:00Z',
        },
      });
      const inbound = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: agent.headers,
        payload: {
          channel: 'email',
          from: { email: 'mihai@example.ro' },
          subject: 'Taxare dublă',
          body: 'Este inacceptabil! Mi-ați luat banii de două ori pentru comanda ORD-55120. Vreau banii înapoi imediat!',
        },
      });
      conversationId = inbound.json().conversation.id;
    });
    afterAll(async () => test?.close());

    const assist = async () =>
      (
        await test.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversationId}/assist`, headers: agent.headers })
      ).json();

    it('starts at step 1 with guidance, and suggests scripts in Romanian with the amount in lei', async () => {
      const state = await assist();
      expect(state.playbook.step).toBe('initial_contact');
      expect(state.guidance.stepNumber).toBe(1);
      expect(state.guidance.now.length).toBeGreaterThan(10);
      expect(state.steps).toHaveLength(7);
      expect(state.regional.country).toBe('RO');
      expect(state.scripts.length).toBeGreaterThan(0);
      expect(state.scripts[0].language).toBe('ro');
      expect(state.scripts.every((script: { text: string }) => !script.text.includes('{{'))).toBe(true);
      // Amounts come from the customer's latest order, formatted the Romanian way.
      const amounts = state.scripts.flatMap((script: { text: string }) => script.text.match(/[\d.]+,\d{2}\sRON/g) ?? []);
      expect(amounts.length).toBeGreaterThan(0);
      expect(amounts.every((amount: string) => /^1\.249,00\sRON$/.test(amount))).toBe(true);
      expect(state.scripts.some((script: { text: string }) => script.text.includes('Mihai'))).toBe(true);
    });

    it('flags "calm down" in a draft with a better alternative, without blocking anything', async () => {
      const review = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/coach`,
        headers: agent.headers,
        payload: { draft: 'Please calm down, as I already said the refund is being processed.' },
      });
      expect(review.statusCode).toBe(200);
      const kinds = review.json().findings.map((finding: { kind: string }) => finding.kind);
      expect(kinds).toContain('condescension');
      const calm = review.json().findings.find((finding: { text: string }) => finding.text.toLowerCase().includes('calm down'));
      expect(calm.suggestion.length).toBeGreaterThan(5);
      expect(review.json().scores.empathy.score).toBeLessThan(60);
    });

    it('ticks the checklist from a sent reply and moves the playbook on; the review and overrides are stored', async () => {
      const reply = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: {
          kind: 'agent',
          body: 'Înțeleg cât de frustrant este să fiți taxat de două ori, domnule Ionescu, și îmi pare rău. Am verificat comanda ORD-55120 și vă returnăm 1.249,00 RON până mâine la ora 12:00.',
        },
      });
      expect(reply.statusCode).toBe(201);
      expect(reply.json().coach.practices).toContain('feelings-acknowledged');
      const state = await assist();
      const ticked = state.playbook.ticks.map((tick: { itemId: string; by: { kind: string } }) => tick);
      expect(ticked.length).toBeGreaterThan(0);
      expect(ticked.every((tick: { by: { kind: string } }) => ['coach', 'agent', 'playbook'].includes(tick.by.kind))).toBe(true);
      expect(state.playbook.step).not.toBe('initial_contact');
      expect(state.playbook.stepHistory[0]).toMatchObject({ from: 'initial_contact' });

      const careless = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'Calm down. You should have read the terms.' },
      });
      expect(careless.statusCode).toBe(201);
      expect(careless.json().coach.overrides).toEqual(expect.arrayContaining(['condescension', 'blame']));
    });

    it('stores ticks and step changes by hand with who and when, and refuses a dismissal without a reason', async () => {
      const ticked = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/playbook`,
        headers: agent.headers,
        payload: { type: 'step-changed-by-hand', to: 'escalate', reason: 'Needs a manager for the refund' },
      });
      expect(ticked.statusCode).toBe(200);
      expect(ticked.json().step).toBe('escalate');
      const state = await assist();
      expect(state.playbook.step).toBe('escalate');
      expect(state.playbook.stepHistory.at(-1)).toMatchObject({
        to: 'escalate',
        by: { kind: 'agent', userId: test.users.agent.id },
      });
      const unknownItem = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/playbook`,
        headers: agent.headers,
        payload: { type: 'item-ticked-by-hand', itemId: 'no-such-item' },
      });
      expect(unknownItem.statusCode).toBe(400);
      const noReason = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/playbook`,
        headers: agent.headers,
        payload: { type: 'suggestion-dismissed', id: 's1', reason: '' },
      });
      expect(noReason.statusCode).toBe(400);
    });

    it('lets QA write, version and retire scripts, and agents only read them', async () => {
      const qa = await test.signIn('qa');
      const body = {
        title: 'Ofertă de compromis',
        step: 'resolve',
        language: 'ro',
        body: 'Vă putem oferi {{amount}} ca gest de bunăvoință.',
      };
      const created = await test.app.inject({ method: 'POST', url: '/api/v1/scripts', headers: qa.headers, payload: body });
      expect(created.statusCode).toBe(201);
      const key = created.json().id as string;
      const revised = await test.app.inject({
        method: 'PUT',
        url: `/api/v1/scripts/${key}`,
        headers: qa.headers,
        payload: { ...body, body: 'Vă oferim {{amount}}.' },
      });
      expect(revised.json().version).toBe(2);
      const versions = (
        await test.app.inject({ method: 'GET', url: `/api/v1/scripts/${key}/versions`, headers: agent.headers })
      ).json();
      expect(versions.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
      const retired = await test.app.inject({ method: 'POST', url: `/api/v1/scripts/${key}/retire`, headers: qa.headers });
      expect(retired.json().retiredAt).not.toBeNull();
      const listed = (await test.app.inject({ method: 'GET', url: '/api/v1/scripts', headers: agent.headers })).json();
      expect(listed.items.some((item: { id: string }) => item.id === key)).toBe(false);
      expect(listed.items.length).toBeGreaterThanOrEqual(40);
      const agentWrites = await test.app.inject({
        method: 'POST',
        url: '/api/v1/scripts',
        headers: agent.headers,
        payload: body,
      });
      expect(agentWrites.statusCode).toBe(403);
    });

    it("lets an admin edit a country's guidance, which then shows for its customers", async () => {
      const admin = await test.signIn('admin');
      const current = (await test.app.inject({ method: 'GET', url: '/api/v1/regional-guidance', headers: admin.headers })).json()
        .items.RO;
      const { edited: _edited, ...guidance } = current;
      const saved = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/regional-guidance/RO',
        headers: admin.headers,
        payload: { ...guidance, notes: ['Our Cluj office answers in Romanian until 18:00.'] },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().edited).toBe(true);
      const state = await assist();
      expect(state.regional.notes).toEqual(['Our Cluj office answers in Romanian until 18:00.']);
    });
  });
}
