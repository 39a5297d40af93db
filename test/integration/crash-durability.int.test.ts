import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.ts';
import { type ServerProcess, signInOverHttp, startServerProcess, stopServerProcess } from '../support/server-process.ts';
import { createScratchDatabase, testDialects } from '../support/test-databases.ts';

// Nothing acknowledged is ever lost: a burst of inbound messages, SIGKILL partway, restart, count.
for (const dialect of testDialects) {
  describe(`a crash loses nothing that was acknowledged, on ${dialect}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('every message that got a 2xx before SIGKILL is stored exactly once after restart', { timeout: 120_000 }, async () => {
      const scratch = await createScratchDatabase(dialect);
      cleanups.push(scratch.drop);
      const environment = { DATABASE_URL: scratch.url, WEB_DIST_DIR: '/nonexistent' };
      let server: ServerProcess = await startServerProcess(environment);
      cleanups.push(() => stopServerProcess(server, 'SIGKILL'));
      const headers = await signInOverHttp(server.baseUrl, 'admin@defuse.example', 'defuse-demo-2026');

      const acknowledged = new Set<string>();
      let sent = 0;
      let killed = false;
      const sendOne = async (index: number) => {
        const externalId = `crash-${index}`;
        try {
          const response = await fetch(`${server.baseUrl}/api/v1/inbound`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              channel: 'api',
              externalMessageId: externalId,
              from: { email: `crash${index % 97}@example.com` },
              body: `Message number ${index}: my order is still missing and I want an answer today.`,
            }),
          });
          if (response.status === 201 || response.status === 200) acknowledged.add(externalId);
        } catch {
          // The connection died with the server: this message was never acknowledged.
        }
      };
      // Twenty senders in parallel; the server is killed once 300 messages are acknowledged.
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (!killed && sent < 5000) {
            const index = sent;
            sent += 1;
            await sendOne(index);
            if (!killed && acknowledged.size >= 300) {
              killed = true;
              server.child.kill('SIGKILL');
            }
          }
        }),
      );
      await new Promise((resolve) =>
        server.child.exitCode !== null || server.child.signalCode !== null ? resolve(null) : server.child.once('exit', resolve),
      );
      expect(server.child.signalCode).toBe('SIGKILL');
      expect(acknowledged.size).toBeGreaterThanOrEqual(300);

      server = await startServerProcess(environment);
      const database = openDatabase({ url: scratch.url });
      try {
        const rows = await database.db
          .selectFrom('messages')
          .select(['external_id'])
          .where('external_id', 'like', 'crash-%')
          .execute();
        const stored = rows.map((row) => row.external_id ?? '');
        expect(new Set(stored).size).toBe(stored.length);
        const missing = [...acknowledged].filter((id) => !stored.includes(id));
        expect(missing).toEqual([]);
        // The restarted server answers a repeat of an acknowledged message as a duplicate.
        const repeat = await fetch(`${server.baseUrl}/api/v1/inbound`, {
          method: 'POST',
          headers: await signInOverHttp(server.baseUrl, 'admin@defuse.example', 'defuse-demo-2026'),
          body: JSON.stringify({
            channel: 'api',
            externalMessageId: [...acknowledged][0],
            from: { email: 'crash0@example.com' },
            body: 'again',
          }),
        });
        expect(repeat.status).toBe(200);
      } finally {
        await database.close();
      }
    });
  });
}
