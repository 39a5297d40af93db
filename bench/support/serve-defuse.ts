// Child process: the real Defuse app on 127.0.0.1, port 0, with an admin API token for the load.
// Prints one JSON line `{ port, token }` on stdout once it is listening.
import { buildApp } from '../../src/app.ts';
import { type Actor, createApiToken, createUser } from '../../src/auth/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { parseConfig } from '../../src/platform/config.ts';
import { startRuntime } from '../../src/platform/runtime.ts';

const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', HOST: '127.0.0.1', PORT: '0' });
const runtime = await startRuntime(config);
const deps = { db: runtime.database.db, clock: systemClock, events: runtime.events, sessionTtlHours: 1 };
const admin = await createUser(deps, null, {
  email: 'bench-admin@example.test',
  name: 'Bench Admin',
  role: 'admin',
  password: 'a long enough bench password',
});
const actor: Actor = {
  kind: 'session',
  userId: admin.id,
  userName: admin.name,
  role: 'admin',
  sessionId: null,
  tokenId: null,
  csrfToken: null,
};
const { secret } = await createApiToken(deps, actor, { name: 'bench', role: 'admin' }, null);
const app = await buildApp({
  config,
  db: runtime.database.db,
  clock: systemClock,
  events: runtime.events,
  writes: runtime.writes,
});
await app.listen({ host: config.HOST, port: config.PORT });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token: secret })}\n`);

process.on('SIGTERM', async () => {
  await app.close();
  await runtime.close();
  process.exit(0);
});
