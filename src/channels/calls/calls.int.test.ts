import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { agentRepliesWithoutEmail } from '../email/db/email-rows.ts';

const vtt = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Agent>Good morning, this is Defuse support.</v>

00:00:04.500 --> 00:00:09.000
<v Customer>This is the third time I call. Nobody answers my e-mails and I am furious!</v>

00:00:09.500 --> 00:00:12.000
<v Agent>I am sorry. I will refund you today.</v>

00:00:12.500 --> 00:00:15.000
<v Customer>Thank you, that helps.</v>
`;

for (const dialect of testDialects) {
  describe(`phone and video call logs on ${dialect}`, () => {
    let test: TestApp;
    let agent: SignedIn;
    let conversationId: string;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      agent = await test.signIn('agent');
      const inbound = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: agent.headers,
        payload: { channel: 'email', from: { email: 'caller@example.com', name: 'Carla Caller' }, body: 'Please call me back.' },
      });
      conversationId = inbound.json().conversation.id;
    });
    afterAll(async () => test?.close());

    const call = {
      kind: 'phone',
      direction: 'inbound',
      startedAt: '2026-11-24T09:30:00.000Z',
      durationSeconds: 15,
      outcome: 'resolved',
      notes: 'Refund promised.',
      transcript: { text: vtt, fileName: 'call.vtt' },
    };
    const post = (payload: object) =>
      test.app.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/calls`, headers: agent.headers, payload });
    const timeline = async () =>
      (await test.app.inject({ url: `/api/v1/conversations/${conversationId}`, headers: agent.headers })).json()
        .messages as Array<{
        kind: string;
        channel: string;
        body: string;
        analysis: { heat: number } | null;
      }>;

    it('turns a transcript upload into analysed timeline entries, and a re-upload stores nothing twice', async () => {
      const response = await post(call);
      expect(response.statusCode, response.body).toBe(201);
      const logged = response.json();
      expect(logged.call).toMatchObject({
        kind: 'phone',
        direction: 'inbound',
        durationSeconds: 15,
        turnCount: 4,
        storedTurns: 4,
      });
      expect(logged.entries.map((entry: { role: string }) => entry.role)).toEqual(['agent', 'customer', 'agent', 'customer']);
      const entries = await timeline();
      expect(entries.map((entry) => entry.kind)).toEqual(['customer', 'agent', 'customer', 'agent', 'customer']);
      const angry = entries.find((entry) => entry.body.includes('furious'));
      expect(angry).toMatchObject({ channel: 'phone' });
      // Said on the phone, on an e-mail case: the agent's turns must never go out as e-mail.
      const agentTurns = entries.filter((entry) => entry.kind === 'agent');
      expect(agentTurns.every((entry) => entry.channel === 'phone')).toBe(true);
      expect(await agentRepliesWithoutEmail(test.runtime.database.db, '2000-01-01T00:00:00.000Z', 100)).toEqual([]);
      expect(angry?.analysis?.heat).toBeGreaterThan(30);

      const again = await post({ ...call, notes: 'Refund promised; sent.' });
      expect(again.statusCode).toBe(201);
      expect(again.json().call.id).toBe(logged.call.id);
      expect(again.json().call.notes).toBe('Refund promised; sent.');
      expect(await timeline()).toHaveLength(5);

      const list = await test.app.inject({ url: `/api/v1/conversations/${conversationId}/calls`, headers: agent.headers });
      expect(list.json().calls).toHaveLength(1);
    });

    it('logs a video meeting with an .srt or pasted text transcript, naming agent speakers', async () => {
      const srt =
        '1\n00:00:01,000 --> 00:00:02,000\nIoana: Hello Carla.\n\n2\n00:00:02,500 --> 00:00:05,000\nCarla: Hi, the screen froze again.\n';
      const response = await post({
        ...call,
        kind: 'video',
        startedAt: '2026-11-24T09:45:00.000Z',
        transcript: { text: srt, format: 'srt', agentSpeakers: ['Ioana'] },
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().entries.map((entry: { role: string }) => entry.role)).toEqual(['agent', 'customer']);
      const entries = await timeline();
      expect(entries.at(-1)).toMatchObject({ kind: 'customer', channel: 'video', body: 'Hi, the screen froze again.' });
      const noTranscript = await post({
        ...call,
        startedAt: '2026-11-24T09:50:00.000Z',
        transcript: undefined,
        outcome: 'no-answer',
      });
      expect(noTranscript.json()).toMatchObject({ call: { outcome: 'no-answer', turnCount: 0 }, entries: [] });
    });

    it('refuses a broken transcript with the line at fault and stores nothing', async () => {
      const before = (await timeline()).length;
      const response = await post({
        ...call,
        startedAt: '2026-11-24T08:00:00.000Z',
        transcript: { text: 'WEBVTT\n\n00:00:09.000 --> 00:00:01.000\nhi', format: 'vtt' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'transcript-invalid', errors: [{ field: 'body.transcript.text' }] });
      expect(response.json().detail).toContain('line 3');
      expect((await timeline()).length).toBe(before);
      const calls = await test.app.inject({ url: `/api/v1/conversations/${conversationId}/calls`, headers: agent.headers });
      expect(calls.json().calls.map((logged: { startedAt: string }) => logged.startedAt)).not.toContain(
        '2026-11-24T08:00:00.000Z',
      );
      const missing = await test.app.inject({
        method: 'POST',
        url: '/api/v1/conversations/00000000-0000-7000-8000-000000000000/calls',
        headers: agent.headers,
        payload: call,
      });
      expect(missing.statusCode).toBe(404);
      const qa = await test.signIn('qa');
      const forbidden = await test.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/calls`,
        headers: qa.headers,
        payload: call,
      });
      expect(forbidden.statusCode).toBe(403);
    });
  });
}
