import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { countStaleMessages, reanalyzeBatch } from '../index.ts';

for (const dialect of testDialects) {
  describe(`every inbound message is read for heat and abuse, on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
    });
    afterAll(async () => test?.close());

    const inbound = (from: string, body: string) =>
      test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: agent.headers,
        payload: { channel: 'email', from: { email: from }, body },
      });

    it('stores the analysis with the message and moves the conversation heat, peak and trend', async () => {
      const calm = (await inbound('heat@example.com', 'Hello, could you tell me when my order ships? Thank you!')).json();
      expect(calm.message.analysis.version).toMatch(/\d/);
      expect(calm.conversation.heat).toBe(calm.message.analysis.heat);
      expect(calm.conversation.trend).toBe('steady');
      test.clock.advance(60_000);
      const angry = (
        await inbound(
          'heat@example.com',
          'This is RIDICULOUS!!! Third time I write and NOBODY answers. I want a full refund NOW or I go to my lawyer.',
        )
      ).json();
      const analysis = angry.message.analysis;
      expect(analysis.heat).toBeGreaterThan(calm.message.analysis.heat + 20);
      expect(analysis.intents.refund.detected).toBe(true);
      expect(analysis.intents.legal_threat.detected).toBe(true);
      expect(angry.conversation.trend).toBe('escalating');
      // the case is hotter than its hottest message: the customer wrote again before any answer
      expect(angry.conversation.heat).toBeGreaterThanOrEqual(analysis.heat);
      expect(angry.conversation.peakHeat).toBe(angry.conversation.heat);
      expect(angry.conversation.flags).toContain('legal_threat');
      const refundEvidence = analysis.evidence.find((item: { signal: string }) => item.signal === 'intents.refund');
      expect(refundEvidence).toBeDefined();
      const body = angry.message.body as string;
      expect(body.slice(refundEvidence.start, refundEvidence.end).toLowerCase()).toContain('refund');

      const opened = (
        await test.app.inject({ method: 'GET', url: `/api/v1/conversations/${angry.conversation.id}`, headers: agent.headers })
      ).json();
      expect(opened.reading.trajectory.map((point: { heat: number }) => point.heat)).toEqual([
        calm.message.analysis.heat,
        analysis.heat,
      ]);
      expect(opened.reading.trend).toBe('escalating');
    });

    it('flags abuse aimed at the agent and sorts the hottest case first', async () => {
      const abusive = (await inbound('abuse@example.com', 'You are useless idiots, all of you. F*ck this company.')).json();
      expect(abusive.conversation.flags).toContain('abuse');
      const flagged = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?flag=abuse', headers: agent.headers })
      ).json();
      expect(flagged.items.map((item: { id: string }) => item.id)).toEqual([abusive.conversation.id]);
      const hottest = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?sort=heat&limit=100', headers: agent.headers })
      ).json();
      const heats = hottest.items.map((item: { heat: number }) => item.heat);
      expect([...heats].sort((a, b) => b - a)).toEqual(heats);
      const hot = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?minHeat=50', headers: agent.headers })
      ).json();
      expect(hot.items.every((item: { heat: number }) => item.heat >= 50)).toBe(true);
      expect(hot.items.length).toBeGreaterThan(0);
    });

    it('pages through the hottest cases with a cursor without repeating or skipping one', async () => {
      for (let index = 0; index < 7; index += 1) {
        test.clock.advance(1000);
        await inbound(`page${index}@example.com`, index % 2 ? 'Thanks, all good.' : 'Still waiting. This is unacceptable!!');
      }
      const all = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?sort=heat&limit=200', headers: agent.headers })
      ).json().items;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/conversations?sort=heat&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await test.app.inject({ method: 'GET', url, headers: agent.headers })).json();
        seen.push(...page.items.map((item: { id: string }) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((item: { id: string }) => item.id));
    });

    it('keeps an agent correction of a label, with the analyser version, for retraining', async () => {
      const message = (await inbound('correct@example.com', 'Cancel my subscription today please.')).json().message;
      const corrected = await test.app.inject({
        method: 'POST',
        url: `/api/v1/messages/${message.id}/corrections`,
        headers: agent.headers,
        payload: { signal: 'intents.cancellation', verdict: 'wrong', note: 'They only asked about the plan' },
      });
      expect(corrected.statusCode).toBe(201);
      const bad = await test.app.inject({
        method: 'POST',
        url: `/api/v1/messages/${message.id}/corrections`,
        headers: agent.headers,
        payload: { signal: 'intents.pizza', verdict: 'wrong' },
      });
      expect(bad.statusCode).toBe(400);
      const qa = await test.signIn('qa');
      const list = (await test.app.inject({ method: 'GET', url: '/api/v1/analysis/corrections', headers: qa.headers })).json();
      expect(list.items[0]).toMatchObject({
        messageId: message.id,
        signal: 'intents.cancellation',
        verdict: 'wrong',
        analysisVersion: message.analysis.version,
        text: 'Cancel my subscription today please.',
        user: { name: 'Test Agent' },
      });
    });

    it('re-reads messages from another analyser version in resumable batches', async () => {
      const db = test.runtime.database.db;
      await db.updateTable('messages').set({ analysis_version: 'old', heat: 0 }).where('kind', '=', 'customer').execute();
      const stale = await countStaleMessages({ db });
      expect(stale).toBeGreaterThan(10);
      const first = await reanalyzeBatch({ db }, 2);
      expect(first).toBe(2);
      expect(await countStaleMessages({ db })).toBeLessThan(stale);
      while ((await reanalyzeBatch({ db }, 50)) > 0) {
        // keep going until nothing is stale
      }
      expect(await countStaleMessages({ db })).toBe(0);
      const heats = await db.selectFrom('messages').select('heat').where('kind', '=', 'customer').execute();
      expect(heats.some((row) => Number(row.heat) > 0)).toBe(true);
    });
  });
}

for (const dialect of testDialects) {
  describe(`the stored case heat remembers, on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
    });
    afterAll(async () => test?.close());

    const inbound = (from: string, body: string) =>
      test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: agent.headers,
        payload: { channel: 'email', from: { email: from }, body },
      });
    const hottest = async () =>
      (await test.app.inject({ method: 'GET', url: '/api/v1/conversations?sort=heat&limit=100', headers: agent.headers })).json()
        .items as Array<{ id: string; heat: number; trend: string; category: string | null }>;

    it('keeps an abusive case at the top of the hottest-first inbox after "still nothing. Hello??"', async () => {
      await inbound('calm-one@example.com', 'Hello, when does my order ship? It is late and I am not happy about it.');
      await inbound('calm-two@example.com', 'My parcel still has not arrived, this is really disappointing.');
      const first = (
        await inbound(
          'furious@example.com',
          'You useless idiots charged me twice! I am calling my lawyer and posting this everywhere!!!',
        )
      ).json();
      const firstHeat = first.conversation.heat as number;
      expect(firstHeat).toBeGreaterThanOrEqual(60);
      test.clock.advance(10 * 60_000);
      const followUp = (await inbound('furious@example.com', 'still nothing. Hello??')).json();
      expect(followUp.conversation.id).toBe(first.conversation.id);
      expect(followUp.message.analysis.heat).toBeLessThan(firstHeat);
      expect(followUp.conversation.heat).toBeGreaterThanOrEqual(firstHeat);
      expect(followUp.conversation.trend).not.toBe('cooling');
      expect(followUp.conversation.category).toBe('billing');
      const items = await hottest();
      expect(items[0]?.id).toBe(first.conversation.id);
    });

    it('cools the stored heat when an agent replies with acknowledgement, ownership and a next step', async () => {
      const items = await hottest();
      const top = items[0] as { id: string; heat: number };
      const curt = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${top.id}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'Noted.' },
      });
      expect(curt.statusCode).toBe(201);
      expect((await hottest()).find((item) => item.id === top.id)?.heat).toBe(top.heat);
      const good = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${top.id}/messages`,
        headers: agent.headers,
        payload: {
          kind: 'agent',
          body: 'I am sorry, I understand how upsetting a double charge is. I have refunded it today and I will email you the confirmation.',
        },
      });
      expect(good.statusCode).toBe(201);
      const after = (await hottest()).find((item) => item.id === top.id);
      expect(after?.heat).toBeLessThan(top.heat);
      expect(after?.trend).toBe('cooling');
    });
  });
}
