import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureShippedScripts } from '../../src/scripts-library/index.ts';
import { createTestApp, type SignedIn, type TestApp } from '../support/test-app.ts';
import { testDialects } from '../support/test-databases.ts';

const parallel = 20;

for (const dialect of testDialects) {
  describe(`concurrent first writes never answer 5xx, on ${dialect}`, () => {
    let test: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      admin = await test.signIn('admin');
    });
    afterAll(async () => test?.close());

    const send = (method: 'POST' | 'PUT', url: string, payload: unknown) =>
      test.app.inject({ method, url, headers: admin.headers, payload: payload as object });

    const guidance = (note: string) => ({
      country: 'NZ',
      countryName: 'New Zealand',
      locale: 'en-NZ',
      formality: 'Informal',
      directness: 'Direct',
      preferredChannels: ['email'],
      businessHours: { timeZone: 'Pacific/Auckland', days: 'Mon-Fri', open: '09:00', close: '17:00' },
      holidays: [],
      notes: [note],
    });

    it(`${parallel} parallel first saves of one country's guidance: all succeed, one row, every save audited`, async () => {
      const responses = await Promise.all(
        Array.from({ length: parallel }, (_, index) => send('PUT', '/api/v1/regional-guidance/NZ', guidance(`note ${index}`))),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(Array(parallel).fill(200));
      const rows = await test.runtime.database.db
        .selectFrom('regional_guidance')
        .selectAll()
        .where('country', '=', 'NZ')
        .execute();
      expect(rows).toHaveLength(1);
      const audit = await test.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=guidance.updated&subjectId=NZ&limit=100',
        headers: admin.headers,
      });
      // Each save wrote a different note, so each changed something and left its own audit row.
      expect(audit.json().items.length).toBe(parallel);
    });

    const script = (title: string, body: string) => ({ title, step: 'listen', language: 'en', body });

    it(`${parallel} parallel creations of the same script title: no 5xx, each gets its own key, one row each`, async () => {
      const responses = await Promise.all(
        Array.from({ length: parallel }, () => send('POST', '/api/v1/scripts', script('Late parcel apology', 'We are sorry.'))),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(Array(parallel).fill(201));
      const keys = responses.map((response) => response.json().id as string);
      expect(new Set(keys).size).toBe(parallel);
      const rows = await test.runtime.database.db
        .selectFrom('script_templates')
        .select(['key', 'version'])
        .where('key', 'like', 'custom-late-parcel-apology%')
        .execute();
      expect(rows).toHaveLength(parallel);
      expect(rows.every((row) => Number(row.version) === 1)).toBe(true);
    });

    it(`${parallel} parallel first revisions of one script: no 5xx, one new version each, none lost`, async () => {
      const created = await send('POST', '/api/v1/scripts', script('Refund timeline', 'Version one.'));
      const key = created.json().id as string;
      const responses = await Promise.all(
        Array.from({ length: parallel }, (_, index) =>
          send('PUT', `/api/v1/scripts/${key}`, script('Refund timeline', `Version from writer ${index}.`)),
        ),
      );
      expect(responses.map((response) => response.statusCode)).toEqual(Array(parallel).fill(200));
      const versions = await test.runtime.database.db
        .selectFrom('script_templates')
        .select('version')
        .where('key', '=', key)
        .execute();
      expect(versions.map((row) => Number(row.version)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: parallel + 1 }, (_, index) => index + 1),
      );
    });

    it('several nodes putting the shipped scripts in at once: no crash, each version once', async () => {
      const db = test.runtime.database.db;
      await db.deleteFrom('script_templates').where('created_by', 'is', null).execute();
      await Promise.all(Array.from({ length: 5 }, () => ensureShippedScripts({ db, clock: test.clock })));
      const rows = await db.selectFrom('script_templates').select(['key', 'version']).where('created_by', 'is', null).execute();
      expect(rows.length).toBeGreaterThan(10);
      expect(new Set(rows.map((row) => `${row.key}@${row.version}`)).size).toBe(rows.length);
    });

    it(`${parallel} parallel loggings of the same call: no 5xx, one call row`, async () => {
      const inbound = await send('POST', '/api/v1/inbound', {
        channel: 'phone',
        from: { phone: '+40 721 234 567', name: 'Caller' },
        body: 'Calling about my order.',
      });
      const conversationId = inbound.json().conversation.id as string;
      const call = {
        id: 'call-race-1',
        kind: 'phone',
        direction: 'inbound',
        startedAt: '2026-11-24T09:00:00.000Z',
        durationSeconds: 120,
        outcome: 'resolved',
        notes: 'Talked it through.',
      };
      const responses = await Promise.all(
        Array.from({ length: parallel }, () => send('POST', `/api/v1/conversations/${conversationId}/calls`, call)),
      );
      expect(responses.filter((response) => response.statusCode >= 500)).toEqual([]);
      expect(responses.map((response) => response.statusCode)).toEqual(Array(parallel).fill(201));
      const rows = await test.runtime.database.db.selectFrom('call_logs').select('id').where('id', '=', 'call-race-1').execute();
      expect(rows).toHaveLength(1);
    });
  });
}
