import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createUser, type Role, type RouteAccess, type User } from '../../src/auth/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { type Config, parseConfig } from '../../src/platform/config.ts';
import { type Runtime, startRuntime } from '../../src/platform/runtime.ts';
import { ensureShippedScripts } from '../../src/scripts-library/index.ts';
import { createScratchDatabase } from './test-databases.ts';

export const testPassword = 'correct horse battery staple';

export interface SignedIn {
  user: User;
  /** Headers for a cookie session with its CSRF token. */
  headers: Record<string, string>;
  cookie: string;
  csrfToken: string;
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  users: Record<Role, User>;
  routeCatalog: RouteAccess[];
  signIn(role: Role): Promise<SignedIn>;
  close(): Promise<void>;
}

export async function createTestApp(dialect: 'sqlite' | 'postgres', environment: Record<string, string> = {}): Promise<TestApp> {
  const scratch = await createScratchDatabase(dialect);
  const config = parseConfig({ DATABASE_URL: scratch.url, LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', ...environment });
  const runtime = await startRuntime(config);
  await ensureShippedScripts({ db: runtime.database.db, clock: fixedClock(new Date('2026-11-24T09:00:00.000Z')) });
  const clock = fixedClock(new Date('2026-11-24T10:00:00.000Z'));
  const routeCatalog: RouteAccess[] = [];
  const app = await buildApp({
    config,
    db: runtime.database.db,
    clock,
    events: runtime.events,
    writes: runtime.writes,
    logger: false,
    routeCatalog,
    companyName: 'Test Shop',
  });
  await app.ready();
  const deps = { db: runtime.database.db, clock, events: runtime.events, sessionTtlHours: 1 };
  const users = {} as Record<Role, User>;
  for (const role of ['admin', 'manager', 'qa', 'agent'] as const) {
    users[role] = await createUser(deps, null, {
      email: `${role}@test.example`,
      name: `Test ${role[0]?.toUpperCase()}${role.slice(1)}`,
      role,
      password: testPassword,
      approvalLimit: { amountMinor: role === 'manager' ? 100_000 : 5_000, currency: 'EUR' },
    });
  }
  return {
    app,
    runtime,
    config,
    clock,
    users,
    routeCatalog,
    signIn: async (role) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `${role}@test.example`, password: testPassword },
      });
      if (response.statusCode !== 200) throw new Error(`sign-in as ${role} failed: ${response.body}`);
      return signedInFrom(response);
    },
    close: async () => {
      await app.close();
      await runtime.close();
      await scratch.drop();
    },
  };
}

export function signedInFrom(response: LightMyRequestResponse): SignedIn {
  const body = response.json() as { user: User; csrfToken: string };
  const cookie = response.cookies.find((candidate) => candidate.name === 'defuse_session');
  if (!cookie) throw new Error('no session cookie was set');
  const cookieHeader = `defuse_session=${cookie.value}`;
  return {
    user: body.user,
    cookie: cookieHeader,
    csrfToken: body.csrfToken,
    headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
  };
}
