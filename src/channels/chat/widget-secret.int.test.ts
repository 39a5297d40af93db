import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { decryptSecret, parseSecretKey } from '../email/index.ts';

const shop = 'https://shop.example';
const channelKey = 'a'.repeat(64);

async function storedSecret(test: TestApp): Promise<string> {
  const row = await test.runtime.database.db
    .selectFrom('chat_widget_settings')
    .select('session_secret')
    .executeTakeFirstOrThrow();
  return row.session_secret;
}

async function startSession(test: TestApp) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/v1/widget/sessions',
    headers: { origin: shop },
    payload: { email: 'secret-test@example.com' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { token: string };
}

for (const dialect of testDialects) {
  describe(`widget session secret at rest on ${dialect}`, () => {
    let sealed: TestApp;
    let plain: TestApp;
    beforeAll(async () => {
      // No WIDGET_SECRET: session tokens are signed with the stored secret.
      sealed = await createTestApp(dialect, { WIDGET_ALLOWED_ORIGINS: shop, CHANNEL_SECRET_KEY: channelKey });
      plain = await createTestApp(dialect, { WIDGET_ALLOWED_ORIGINS: shop });
    });
    afterAll(async () => {
      await sealed?.close();
      await plain?.close();
    });

    it('stores the secret sealed with CHANNEL_SECRET_KEY, and tokens signed with it work', async () => {
      await startSession(sealed);
      const stored = await storedSecret(sealed);
      expect(stored.startsWith('v1.')).toBe(true);
      const key = parseSecretKey(channelKey);
      if (!key) throw new Error('test key did not parse');
      expect(decryptSecret(key, stored).length).toBeGreaterThanOrEqual(40);
    });

    it('seals a plain secret from before on first read; tokens issued before keep working', async () => {
      // This app has no key: the secret is stored as it is (documented).
      const { token } = await startSession(plain);
      const before = await storedSecret(plain);
      expect(before.startsWith('v1.')).toBe(false);

      // The same database, now opened with a key: the plain row is sealed when read.
      const { buildApp } = await import('../../app.ts');
      const { parseConfig } = await import('../../platform/config.ts');
      const config = parseConfig({
        ...Object.fromEntries(Object.entries(plain.config).map(([name, value]) => [name, String(value)])),
        CHANNEL_SECRET_KEY: channelKey,
      });
      const keyed = await buildApp({
        config,
        db: plain.runtime.database.db,
        clock: plain.clock,
        events: plain.runtime.events,
        writes: plain.runtime.writes,
        logger: false,
      });
      try {
        const check = await keyed.inject({
          method: 'POST',
          url: '/api/v1/widget/sessions',
          headers: { origin: shop },
          payload: { email: 'second@example.com' },
        });
        expect(check.statusCode, check.body).toBe(201);
        const after = await storedSecret(plain);
        expect(after.startsWith('v1.')).toBe(true);
        const key = parseSecretKey(channelKey);
        if (!key) throw new Error('test key did not parse');
        expect(decryptSecret(key, after)).toBe(before);
        // The token issued before sealing still verifies (same secret), through the keyed app.
        const sessionTokenCheck = await keyed.inject({
          method: 'POST',
          url: '/api/v1/widget/verification',
          headers: { origin: shop },
          payload: { token },
        });
        // Past the token check (a forged one would be 401): only the missing outgoing mail stops it.
        expect(sessionTokenCheck.json().code).toBe('verification-unavailable');
      } finally {
        await keyed.close();
      }
    });
  });
}
