import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';

for (const dialect of testDialects) {
  describe(`conversations and inbound on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
    });
    afterAll(async () => test?.close());

    const inbound = (payload: Record<string, unknown>) =>
      test.app.inject({ method: 'POST', url: '/api/v1/inbound', headers: agent.headers, payload });

    it('creates the customer and a conversation for a first message, and threads the next one into it', async () => {
      const first = await inbound({
        channel: 'email',
        externalMessageId: '<m1@shop.example>',
        from: { email: 'Ioana.Pop@example.ro', name: 'Ioana Pop' },
        subject: 'Factura dublă',
        body: 'Am fost taxată de două ori pentru comanda ORD-1.',
      });
      expect(first.statusCode).toBe(201);
      const created = first.json();
      expect(created.duplicate).toBe(false);
      expect(created.customerCreated).toBe(true);
      expect(created.conversationCreated).toBe(true);
      expect(created.conversation.customer.name).toBe('Ioana Pop');
      const customer = await test.app.inject({
        method: 'GET',
        url: `/api/v1/customers/${created.conversation.customer.id}`,
        headers: agent.headers,
      });
      expect(customer.json().emails).toEqual(['ioana.pop@example.ro']);
      expect(created.conversation.status).toBe('open');
      expect(created.conversation.waitingSince).toBe('2026-11-24T10:00:00.000Z');
      expect(created.conversation.number).toBeGreaterThan(1000);

      test.clock.advance(60_000);
      const second = await inbound({
        channel: 'email',
        externalMessageId: '<m2@shop.example>',
        from: { email: 'ioana.pop@example.ro' },
        body: 'Vă rog să răspundeți!',
      });
      expect(second.statusCode).toBe(201);
      expect(second.json().conversation.id).toBe(created.conversation.id);
      expect(second.json().conversation.messageCount).toBe(2);
      // The wait started with the first unanswered message.
      expect(second.json().conversation.waitingSince).toBe('2026-11-24T10:00:00.000Z');
    });

    it('returns the stored message for a repeated external id and stores nothing new', async () => {
      const payload = {
        channel: 'chat',
        externalMessageId: 'chat-77',
        from: { email: 'dup@example.com' },
        body: 'Is anyone there?',
      };
      const first = await inbound(payload);
      const again = await inbound(payload);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.json().duplicate).toBe(true);
      expect(again.json().message.id).toBe(first.json().message.id);
      const timeline = await test.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${first.json().conversation.id}`,
        headers: agent.headers,
      });
      expect(timeline.json().messages).toHaveLength(1);
    });

    it('stores each message exactly once when the same inbound arrives concurrently', async () => {
      const payload = { channel: 'api', externalMessageId: 'race-1', from: { email: 'race@example.com' }, body: 'Twice at once' };
      const responses = await Promise.all(Array.from({ length: 6 }, () => inbound(payload)));
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 200)).toHaveLength(5);
      const ids = new Set(responses.map((response) => response.json().message.id));
      expect(ids.size).toBe(1);
    });

    it('an agent reply ends the wait, a note does not change it, and the customer answering wakes a pending case', async () => {
      const opened = (
        await inbound({ channel: 'email', from: { email: 'wait@example.com' }, body: 'Where is my parcel?' })
      ).json();
      const id = opened.conversation.id as string;
      const note = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${id}/messages`,
        headers: agent.headers,
        payload: { kind: 'note', body: 'Courier says it is in Cluj.' },
      });
      expect(note.statusCode).toBe(201);
      let summary = (await test.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: agent.headers })).json()
        .conversation;
      expect(summary.waitingSince).not.toBeNull();
      expect(summary.lastMessagePreview).toBe('Where is my parcel?');

      const reply = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${id}/messages`,
        headers: agent.headers,
        payload: { kind: 'agent', body: 'I am sorry for the wait. It arrives tomorrow before noon.' },
      });
      expect(reply.json().author.name).toBe('Test Agent');
      await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/conversations/${id}`,
        headers: agent.headers,
        payload: { status: 'pending' },
      });
      summary = (await test.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: agent.headers })).json()
        .conversation;
      expect(summary.waitingSince).toBeNull();
      expect(summary.status).toBe('pending');

      const answer = await inbound({ channel: 'email', from: { email: 'wait@example.com' }, body: 'Thank you!' });
      expect(answer.json().conversation.id).toBe(id);
      expect(answer.json().conversation.status).toBe('open');
    });

    it('records status, priority and assignee changes as system events in the timeline', async () => {
      const opened = (
        await inbound({
          channel: 'phone',
          from: { phone: '+40 721 000 111', name: 'Caller' },
          body: 'Call log: upset about fees',
        })
      ).json();
      const id = opened.conversation.id as string;
      const changed = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/conversations/${id}`,
        headers: agent.headers,
        payload: { status: 'escalated', priority: 'urgent', assigneeId: test.users.manager.id },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json().assignee).toEqual({ id: test.users.manager.id, name: 'Test Manager' });
      const timeline = (
        await test.app.inject({ method: 'GET', url: `/api/v1/conversations/${id}`, headers: agent.headers })
      ).json().messages;
      const system = timeline
        .filter((message: { kind: string }) => message.kind === 'system')
        .map((message: { body: string }) => message.body);
      expect(system).toEqual([
        'Test Agent changed the status from open to escalated.',
        'Test Agent changed the priority from normal to urgent.',
        'Test Agent assigned the conversation to Test Manager.',
      ]);
      const unknownAssignee = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/conversations/${id}`,
        headers: agent.headers,
        payload: { assigneeId: 'nobody' },
      });
      expect(unknownAssignee.statusCode).toBe(400);
    });

    it('filters the inbox by status, assignee, channel and sorts by longest waiting, paging with a cursor', async () => {
      for (let index = 0; index < 5; index += 1) {
        test.clock.advance(1000);
        await inbound({
          channel: 'social',
          from: { email: `social${index}@example.com` },
          body: `Public complaint number ${index}`,
        });
      }
      const social = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?channel=social&limit=2', headers: agent.headers })
      ).json();
      expect(social.items).toHaveLength(2);
      expect(social.items[0].lastMessagePreview).toBe('Public complaint number 4');
      const page2 = (
        await test.app.inject({
          method: 'GET',
          url: `/api/v1/conversations?channel=social&limit=2&cursor=${social.nextCursor}`,
          headers: agent.headers,
        })
      ).json();
      expect(page2.items.map((item: { lastMessagePreview: string }) => item.lastMessagePreview)).toEqual([
        'Public complaint number 2',
        'Public complaint number 1',
      ]);
      const waiting = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?sort=waiting&limit=100', headers: agent.headers })
      ).json();
      const waits = waiting.items.map((item: { waitingSince: string }) => item.waitingSince);
      expect(waits.every((value: string | null) => value !== null)).toBe(true);
      expect([...waits].sort()).toEqual(waits);
      const mine = (
        await test.app.inject({ method: 'GET', url: '/api/v1/conversations?assigneeId=me', headers: agent.headers })
      ).json();
      expect(mine.items).toHaveLength(0);
      const managers = (
        await test.app.inject({
          method: 'GET',
          url: `/api/v1/conversations?assigneeId=${test.users.manager.id}&status=escalated`,
          headers: agent.headers,
        })
      ).json();
      expect(managers.items).toHaveLength(1);
      const unassignedOpen = (
        await test.app.inject({
          method: 'GET',
          url: '/api/v1/conversations?assigneeId=none&status=open,pending',
          headers: agent.headers,
        })
      ).json();
      expect(unassignedOpen.items.length).toBeGreaterThan(3);
      expect(
        unassignedOpen.items.every(
          (item: { assignee: unknown; status: string }) => item.assignee === null && ['open', 'pending'].includes(item.status),
        ),
      ).toBe(true);
    });

    it('opens a new case when the earlier one is resolved', async () => {
      const first = (await inbound({ channel: 'email', from: { email: 'again@example.com' }, body: 'First problem' })).json();
      await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/conversations/${first.conversation.id}`,
        headers: agent.headers,
        payload: { status: 'resolved' },
      });
      const second = (await inbound({ channel: 'email', from: { email: 'again@example.com' }, body: 'A new problem' })).json();
      expect(second.conversation.id).not.toBe(first.conversation.id);
      expect(second.conversation.customer.id).toBe(first.conversation.customer.id);
      const history = (
        await test.app.inject({
          method: 'GET',
          url: `/api/v1/customers/${first.conversation.customer.id}/conversations`,
          headers: agent.headers,
        })
      ).json();
      expect(history.items).toHaveLength(2);
    });

    it('refuses an inbound message without any way to identify the sender', async () => {
      const response = await inbound({ channel: 'api', from: { name: 'Anonymous' }, body: 'Hello' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('body.from');
    });

    it('pages back through a long timeline with before=', async () => {
      const opened = (await inbound({ channel: 'chat', from: { email: 'long@example.com' }, body: 'message 0' })).json();
      for (let index = 1; index < 12; index += 1) {
        test.clock.advance(1000);
        await inbound({ channel: 'chat', from: { email: 'long@example.com' }, body: `message ${index}` });
      }
      const latest = (
        await test.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${opened.conversation.id}?limit=5`,
          headers: agent.headers,
        })
      ).json();
      expect(latest.messages.map((message: { body: string }) => message.body)).toEqual([
        'message 7',
        'message 8',
        'message 9',
        'message 10',
        'message 11',
      ]);
      expect(latest.hasEarlier).toBe(true);
      const earlier = (
        await test.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${opened.conversation.id}?limit=5&before=${latest.messages[0].id}`,
          headers: agent.headers,
        })
      ).json();
      expect(earlier.messages.map((message: { body: string }) => message.body)).toEqual([
        'message 2',
        'message 3',
        'message 4',
        'message 5',
        'message 6',
      ]);
    });
  });
}
