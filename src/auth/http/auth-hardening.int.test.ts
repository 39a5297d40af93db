import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signedInFrom, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { totpCode } from '../domain/totp.ts';
import { sweepForgotten } from '../use-cases/login-throttle.ts';
import { acceptTotpCode } from '../use-cases/two-factor.ts';

// Effective rights of tokens, password policy, lockout, own sessions and password, and TOTP.
const secretKey = 'a1'.repeat(32);
let nextAddress = 1;
/** Each test signs in from its own address, so one test's failures never lock another's. */
const freshIp = () => `10.9.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

for (const dialect of testDialects) {
  describe(`auth hardening on ${dialect}`, () => {
    let test: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect, { CHANNEL_SECRET_KEY: secretKey, LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
      admin = await test.signIn('admin');
    });
    afterAll(async () => test?.close());

    const login = (email: string, password: string, ip: string, extra: Record<string, string> = {}) =>
      test.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email, password, ...extra } });

    async function invite(email: string, role: string, password = 'a long temporary passphrase'): Promise<string> {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email, name: email.split('@')[0], role, password },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    }

    async function signInAs(email: string, password = 'a long temporary passphrase', ip = freshIp()): Promise<SignedIn> {
      const response = await login(email, password, ip);
      expect(response.statusCode, response.body).toBe(200);
      return signedInFrom(response);
    }

    const setRole = (userId: string, role: string) =>
      test.app.inject({ method: 'PATCH', url: `/api/v1/users/${userId}`, headers: admin.headers, payload: { role } });

    async function auditActions(
      subjectId: string,
    ): Promise<{ action: string; details: Record<string, unknown>; changes: Record<string, unknown> }[]> {
      const response = await test.app.inject({
        method: 'GET',
        url: `/api/v1/audit?subjectId=${subjectId}`,
        headers: admin.headers,
      });
      return response.json().items;
    }

    function expectProblem(response: LightMyRequestResponse, status: number, type: string): void {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe(`/problems/${type}`);
    }

    it('a token loses its rights the moment its creator is demoted below its role, and regains them when promoted back', async () => {
      const creatorId = await invite('token-maker@test.example', 'admin');
      const creator = await signInAs('token-maker@test.example');
      const make = async (role: string) => {
        const response = await test.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: creator.headers,
          payload: { name: `${role} token`, role },
        });
        expect(response.statusCode).toBe(201);
        return { authorization: `Bearer ${response.json().secret}`, id: response.json().token.id as string };
      };
      const adminToken = await make('admin');
      const agentToken = await make('agent');
      // Used first, so the token cache remembers both: the demotion must reach it.
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/audit', headers: adminToken })).statusCode).toBe(200);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: agentToken })).statusCode).toBe(200);

      expect((await setRole(creatorId, 'manager')).statusCode).toBe(200);
      for (const url of ['/api/v1/audit', '/api/v1/tokens', '/api/v1/customers']) {
        expectProblem(await test.app.inject({ method: 'GET', url, headers: adminToken }), 401, 'not-signed-in');
      }
      // A manager still holds an agent's rights: that token keeps working.
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: agentToken })).statusCode).toBe(200);

      expect((await setRole(creatorId, 'qa')).statusCode).toBe(200);
      expectProblem(
        await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: agentToken }),
        401,
        'not-signed-in',
      );

      const listed = await test.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers });
      const statusOf = (id: string) => listed.json().items.find((token: { id: string }) => token.id === id)?.status;
      expect(statusOf(adminToken.id)).toBe('suspended');
      expect(statusOf(agentToken.id)).toBe('suspended');

      expect((await setRole(creatorId, 'admin')).statusCode).toBe(200);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/audit', headers: adminToken })).statusCode).toBe(200);

      const deactivated = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${creatorId}`,
        headers: admin.headers,
        payload: { active: false },
      });
      expect(deactivated.statusCode).toBe(200);
      expectProblem(await test.app.inject({ method: 'GET', url: '/api/v1/audit', headers: adminToken }), 401, 'not-signed-in');
      const after = await test.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers });
      expect(after.json().items.find((token: { id: string }) => token.id === adminToken.id).status).toBe('suspended');
      const roleChanges = (await auditActions(creatorId)).filter((item) => item.action === 'user.role-changed');
      expect(roleChanges.map((item) => item.changes)).toEqual(
        expect.arrayContaining([{ role: { from: 'admin', to: 'manager' } }, { role: { from: 'manager', to: 'qa' } }]),
      );
      expect(roleChanges).toHaveLength(3);
    });

    it('an expiring token works until its expiry and is refused from then on; its last use is listed', async () => {
      const now = test.clock.now().getTime();
      const past = await test.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin.headers,
        payload: { name: 'already over', role: 'agent', expiresAt: new Date(now - 1000).toISOString() },
      });
      expectProblem(past, 400, 'token-expiry-invalid');
      expect(past.json().errors[0].field).toBe('body.expiresAt');

      const created = await test.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin.headers,
        payload: { name: 'one hour', role: 'agent', expiresAt: new Date(now + 3600_000).toISOString() },
      });
      expect(created.statusCode).toBe(201);
      const bearer = { authorization: `Bearer ${created.json().secret}` };
      const id = created.json().token.id as string;
      expect(created.json().token.lastUsedAt).toBeNull();
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer })).statusCode).toBe(200);
      const listed = await test.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers });
      const token = listed.json().items.find((candidate: { id: string }) => candidate.id === id);
      expect(token.lastUsedAt).toBe(test.clock.now().toISOString());
      expect(token.expiresAt).toBe(new Date(now + 3600_000).toISOString());
      expect(token.status).toBe('active');

      test.clock.advance(3600_000);
      expectProblem(await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer }), 401, 'not-signed-in');
      const later = await test.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: admin.headers });
      expect(later.json().items.find((candidate: { id: string }) => candidate.id === id).status).toBe('expired');
    });

    it('refuses short and common passwords wherever one is set, naming the field', async () => {
      const weak = await test.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email: 'weak@test.example', name: 'Weak', role: 'agent', password: 'password12' },
      });
      expectProblem(weak, 400, 'password-too-weak');
      expect(weak.json().errors).toEqual([{ field: 'body.password', message: 'must be at least 12 characters' }]);

      const common = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${test.users.agent.id}`,
        headers: admin.headers,
        payload: { password: '123456789012' },
      });
      expectProblem(common, 400, 'password-too-weak');
      expect(common.json().errors[0].field).toBe('body.password');
      expect(common.json().errors[0].message).toMatch(/most common/);

      await invite('policy@test.example', 'agent');
      const own = await signInAs('policy@test.example');
      const change = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: own.headers,
        payload: { currentPassword: 'a long temporary passphrase', newPassword: 'PasswordPassword' },
      });
      expectProblem(change, 400, 'password-too-weak');
      expect(change.json().errors[0].field).toBe('body.newPassword');
    });

    it('locks an account after repeated failures, with a 429 problem and Retry-After, even for the right password', async () => {
      await invite('locked@test.example', 'agent');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        // A different address each time: the per-account count alone must lock.
        statuses.push((await login('locked@test.example', `wrong guess ${attempt}`, freshIp())).statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
      const locked = await login('locked@test.example', 'a long temporary passphrase', freshIp());
      expectProblem(locked, 429, 'sign-in-locked');
      expect(locked.headers['retry-after']).toBe('30');

      test.clock.advance(31_000);
      expect((await login('locked@test.example', 'a long temporary passphrase', freshIp())).statusCode).toBe(200);
      // Success starts the account afresh: one more mistake does not lock it again.
      expect((await login('locked@test.example', 'wrong once more', freshIp())).statusCode).toBe(401);
      expect((await login('locked@test.example', 'a long temporary passphrase', freshIp())).statusCode).toBe(200);
    });

    it('the lock grows with each further failure', async () => {
      await invite('growing@test.example', 'agent');
      const ip = freshIp();
      for (let attempt = 0; attempt < 6; attempt += 1) await login('growing@test.example', `wrong ${attempt}`, ip);
      test.clock.advance(31_000);
      expect((await login('growing@test.example', 'wrong again', ip)).statusCode).toBe(401);
      const locked = await login('growing@test.example', 'a long temporary passphrase', ip);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe('60');
    });

    it('forgets old counters: failures an hour old no longer count, and the sweep deletes them', async () => {
      await invite('forgotten@test.example', 'agent');
      const ip = freshIp();
      for (let attempt = 0; attempt < 5; attempt += 1) await login('forgotten@test.example', `wrong ${attempt}`, ip);
      test.clock.advance(60 * 60_000 + 1000);
      // Five more after an hour start from one again: no lock.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await login('forgotten@test.example', `wrong later ${attempt}`, ip)).statusCode).toBe(401);
      }
      expect((await login('forgotten@test.example', 'a long temporary passphrase', ip)).statusCode).toBe(200);
      const deps = { db: test.runtime.database.db, clock: test.clock, events: test.runtime.events, sessionTtlHours: 1 };
      const before = await test.runtime.database.db.selectFrom('login_throttle').select('key').execute();
      test.clock.advance(2 * 60 * 60_000);
      expect(await sweepForgotten(deps, test.clock.now())).toBeGreaterThan(0);
      const after = await test.runtime.database.db.selectFrom('login_throttle').select('key').execute();
      expect(after.length).toBeLessThan(before.length);
      expect(after.map((row) => row.key)).not.toContain(`ip:${ip}`);
    });

    it('locks an address that sprays many e-mail addresses, without locking those accounts elsewhere', async () => {
      const sprayer = freshIp();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 25; attempt += 1) {
        statuses.push((await login(`person${attempt}@spray.example`, 'Summer2026!', sprayer)).statusCode);
      }
      expect(statuses.slice(0, 21).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(21)).toEqual([429, 429, 429, 429]);
      const fromThere = await login('qa@test.example', 'correct horse battery staple', sprayer);
      expectProblem(fromThere, 429, 'sign-in-locked');
      expect(Number(fromThere.headers['retry-after'])).toBeGreaterThan(0);
      expect((await login('qa@test.example', 'correct horse battery staple', freshIp())).statusCode).toBe(200);
      const failures = await test.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=auth.sign-in-failed',
        headers: admin.headers,
      });
      expect(
        failures.json().items.some((item: { details: { lockStarted?: boolean }; ip: string }) => item.details.lockStarted),
      ).toBe(true);
    });

    it('a signed-in user lists their sessions and ends one or all others', async () => {
      const userId = await invite('sessions@test.example', 'agent');
      const first = await signInAs('sessions@test.example');
      const second = await signInAs('sessions@test.example');
      const third = await signInAs('sessions@test.example');
      const list = await test.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: first.headers });
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; current: boolean; ip: string }[];
      expect(items).toHaveLength(3);
      expect(items.filter((item) => item.current)).toHaveLength(1);
      expect(items.every((item) => item.ip.startsWith('10.9.'))).toBe(true);
      const currentId = items.find((item) => item.current)?.id;

      const secondId = (await test.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: second.headers }))
        .json()
        .items.find((item: { current: boolean }) => item.current).id;
      const ended = await test.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${secondId}`, headers: first.headers });
      expect(ended.statusCode).toBe(204);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: second.headers })).statusCode).toBe(401);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: third.headers })).statusCode).toBe(200);

      const again = await test.app.inject({ method: 'DELETE', url: `/api/v1/auth/sessions/${secondId}`, headers: first.headers });
      expectProblem(again, 404, 'session-not-found');
      // Another user's session id is not theirs to end.
      const foreign = await test.app.inject({
        method: 'DELETE',
        url: `/api/v1/auth/sessions/${currentId}`,
        headers: admin.headers,
      });
      expect(foreign.statusCode).toBe(404);

      const others = await test.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions', headers: first.headers });
      expect(others.json()).toEqual({ ended: 1 });
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: third.headers })).statusCode).toBe(401);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: first.headers })).statusCode).toBe(200);
      const actions = (await auditActions(userId)).map((item) => item.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.session-ended', 'auth.sessions-ended']));
    });

    it('changing ones own password needs the current one and ends the other sessions', async () => {
      const userId = await invite('changer@test.example', 'agent');
      const here = await signInAs('changer@test.example');
      const elsewhere = await signInAs('changer@test.example');
      const wrong = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: here.headers,
        payload: { currentPassword: 'not my password at all', newPassword: 'my new private phrase 42' },
      });
      expectProblem(wrong, 400, 'current-password-wrong');
      expect(wrong.json().errors[0].field).toBe('body.currentPassword');
      const changed = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: here.headers,
        payload: { currentPassword: 'a long temporary passphrase', newPassword: 'my new private phrase 42' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toEqual({ endedSessions: 1 });
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: here.headers })).statusCode).toBe(200);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: elsewhere.headers })).statusCode).toBe(401);
      expect((await login('changer@test.example', 'a long temporary passphrase', freshIp())).statusCode).toBe(401);
      expect((await login('changer@test.example', 'my new private phrase 42', freshIp())).statusCode).toBe(200);
      const audit = await auditActions(userId);
      expect(audit.map((item) => item.action)).toContain('user.password-changed');
      expect(JSON.stringify(audit)).not.toContain('my new private phrase');
    });

    it("an admin's password reset ends that user's sessions and is audited", async () => {
      const userId = await invite('reset@test.example', 'agent');
      const session = await signInAs('reset@test.example');
      const reset = await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${userId}`,
        headers: admin.headers,
        payload: { password: 'a fresh temporary phrase', name: 'Reset Person' },
      });
      expect(reset.statusCode).toBe(200);
      expect((await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers })).statusCode).toBe(401);
      expect((await login('reset@test.example', 'a fresh temporary phrase', freshIp())).statusCode).toBe(200);
      const audit = await auditActions(userId);
      const resetEntry = audit.find((item) => item.action === 'user.password-reset');
      expect(resetEntry?.details).toEqual({ endedSessions: 1 });
      expect(audit.find((item) => item.action === 'user.renamed')?.changes).toEqual({
        name: { from: 'reset', to: 'Reset Person' },
      });
      expect(JSON.stringify(audit)).not.toContain('a fresh temporary phrase');
    });

    it('enrols a TOTP second factor, then sign-in needs a fresh code and a replayed code is refused', async () => {
      const userId = await invite('totp@test.example', 'manager');
      const session = await signInAs('totp@test.example');
      const started = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/enrolment',
        headers: session.headers,
      });
      expect(started.statusCode, started.body).toBe(201);
      const { secret, uri } = started.json() as { secret: string; uri: string };
      expect(uri).toMatch(/^otpauth:\/\/totp\/Defuse:totp%40test\.example\?/);
      expect(uri).toContain(`secret=${secret}`);

      const wrongCode = totpCode(secret, new Date(test.clock.now().getTime() - 300_000));
      const refused = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/confirm',
        headers: session.headers,
        payload: { code: wrongCode },
      });
      expectProblem(refused, 400, 'two-factor-code-invalid');
      expect(refused.json().errors[0].field).toBe('body.code');
      const enrolCode = totpCode(secret, test.clock.now());
      const confirmed = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/confirm',
        headers: session.headers,
        payload: { code: enrolCode },
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json().user.twoFactorEnabled).toBe(true);

      // The secret is sealed at rest.
      const row = await test.runtime.database.db
        .selectFrom('users')
        .select(['totp_secret', 'totp_pending_secret'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      expect(row.totp_secret).toMatch(/^v1\./);
      expect(row.totp_secret).not.toContain(secret);
      expect(row.totp_pending_secret).toBeNull();

      const withoutCode = await login('totp@test.example', 'a long temporary passphrase', freshIp());
      expectProblem(withoutCode, 401, 'two-factor-required');
      expect(withoutCode.cookies).toHaveLength(0);
      // The code used to confirm cannot be used again to sign in.
      const replayedEnrolCode = await login('totp@test.example', 'a long temporary passphrase', freshIp(), { code: enrolCode });
      expectProblem(replayedEnrolCode, 401, 'two-factor-code-wrong');

      test.clock.advance(30_000);
      const code = totpCode(secret, test.clock.now());
      const signedIn = await login('totp@test.example', 'a long temporary passphrase', freshIp(), { code });
      expect(signedIn.statusCode, signedIn.body).toBe(200);
      const replay = await login('totp@test.example', 'a long temporary passphrase', freshIp(), { code });
      expectProblem(replay, 401, 'two-factor-code-wrong');
      const wrongPassword = await login('totp@test.example', 'not the passphrase', freshIp(), { code });
      expectProblem(wrongPassword, 401, 'credentials-invalid');

      const again = await test.app.inject({ method: 'POST', url: '/api/v1/auth/two-factor/enrolment', headers: session.headers });
      expectProblem(again, 409, 'two-factor-already-enabled');

      test.clock.advance(30_000);
      const disabled = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/disable',
        headers: session.headers,
        payload: { code: totpCode(secret, test.clock.now()) },
      });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.json().user.twoFactorEnabled).toBe(false);
      expect((await login('totp@test.example', 'a long temporary passphrase', freshIp())).statusCode).toBe(200);

      const audit = await auditActions(userId);
      expect(audit.map((item) => item.action)).toEqual(
        expect.arrayContaining(['user.two-factor-enabled', 'user.two-factor-disabled']),
      );
      expect(JSON.stringify(audit)).not.toContain(secret);
    });

    it('a secret sealed with another key is a clear 409 at sign-in, not a server error', async () => {
      const deps = {
        db: test.runtime.database.db,
        clock: test.clock,
        events: test.runtime.events,
        sessionTtlHours: 1,
        sealer: {
          seal: (plain: string) => plain,
          open: () => {
            throw new Error('Unsupported state or unable to authenticate data');
          },
        },
      };
      await expect(acceptTotpCode(deps, test.users.agent.id, 'v1.a.b.c', '123456')).rejects.toMatchObject({
        code: 'two-factor-unavailable',
        category: 'conflict',
      });
    });

    it('guessing codes to turn 2FA off, or current passwords, locks the account like failed sign-ins', async () => {
      await invite('guesser@test.example', 'agent');
      const session = await signInAs('guesser@test.example');
      const started = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/enrolment',
        headers: session.headers,
      });
      const secret = started.json().secret as string;
      test.clock.advance(30_000);
      const confirmed = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/two-factor/confirm',
        headers: session.headers,
        payload: { code: totpCode(secret, test.clock.now()) },
      });
      expect(confirmed.statusCode).toBe(200);
      const statuses: number[] = [];
      for (let guess = 0; guess < 7; guess += 1) {
        const response = await test.app.inject({
          method: 'POST',
          url: '/api/v1/auth/two-factor/disable',
          headers: session.headers,
          payload: { code: String(100000 + guess) },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 429]);
      const password = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: session.headers,
        payload: { currentPassword: 'a long temporary passphrase', newPassword: 'a fresh private phrase 9' },
      });
      expectProblem(password, 429, 'sign-in-locked');
      expect(Number(password.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await login('guesser@test.example', 'a long temporary passphrase', freshIp()), 429, 'sign-in-locked');
    });

    it('when an admin requires 2FA for admins and managers, one who has none may only enrol until they do', async () => {
      await invite('must-enrol@test.example', 'manager');
      await invite('agent-free@test.example', 'agent');
      const required = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/auth/settings',
        headers: admin.headers,
        payload: { requireTwoFactorForPrivileged: true },
      });
      expect(required.statusCode, required.body).toBe(200);
      expect(required.json().requireTwoFactorForPrivileged).toBe(true);
      try {
        const response = await login('must-enrol@test.example', 'a long temporary passphrase', freshIp());
        expect(response.statusCode).toBe(200);
        expect(response.json().twoFactorEnrolmentRequired).toBe(true);
        const manager = signedInFrom(response);
        expectProblem(
          await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: manager.headers }),
          403,
          'two-factor-enrolment-required',
        );
        const me = await test.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: manager.headers });
        expect(me.json().twoFactorEnrolmentRequired).toBe(true);

        const agent = await login('agent-free@test.example', 'a long temporary passphrase', freshIp());
        expect(agent.json().twoFactorEnrolmentRequired).toBe(false);

        const started = await test.app.inject({
          method: 'POST',
          url: '/api/v1/auth/two-factor/enrolment',
          headers: manager.headers,
        });
        const secret = started.json().secret as string;
        test.clock.advance(30_000);
        const confirmed = await test.app.inject({
          method: 'POST',
          url: '/api/v1/auth/two-factor/confirm',
          headers: manager.headers,
          payload: { code: totpCode(secret, test.clock.now()) },
        });
        expect(confirmed.statusCode).toBe(200);
        expect((await test.app.inject({ method: 'GET', url: '/api/v1/customers', headers: manager.headers })).statusCode).toBe(
          200,
        );

        test.clock.advance(30_000);
        const disable = await test.app.inject({
          method: 'POST',
          url: '/api/v1/auth/two-factor/disable',
          headers: manager.headers,
          payload: { code: totpCode(secret, test.clock.now()) },
        });
        expectProblem(disable, 409, 'two-factor-required-by-policy');
      } finally {
        await test.app.inject({
          method: 'PUT',
          url: '/api/v1/auth/settings',
          headers: admin.headers,
          payload: { requireTwoFactorForPrivileged: false },
        });
      }
      const audit = await test.app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=auth.settings-changed',
        headers: admin.headers,
      });
      expect(audit.json().items.map((item: { changes: unknown }) => item.changes)).toEqual([
        { requireTwoFactorForPrivileged: { from: true, to: false } },
        { requireTwoFactorForPrivileged: { from: false, to: true } },
      ]);
    });
  });

  describe(`second factor without a secret key on ${dialect}`, () => {
    let test: TestApp;
    beforeAll(async () => {
      test = await createTestApp(dialect);
    });
    afterAll(async () => test?.close());

    it('refuses to enrol or to require 2FA rather than store a secret in clear', async () => {
      const admin = await test.signIn('admin');
      const enrol = await test.app.inject({ method: 'POST', url: '/api/v1/auth/two-factor/enrolment', headers: admin.headers });
      expect(enrol.statusCode).toBe(409);
      expect(enrol.json().type).toBe('/problems/two-factor-unavailable');
      expect(enrol.json().detail).toContain('CHANNEL_SECRET_KEY');
      const require = await test.app.inject({
        method: 'PUT',
        url: '/api/v1/auth/settings',
        headers: admin.headers,
        payload: { requireTwoFactorForPrivileged: true },
      });
      expect(require.statusCode).toBe(409);
      const settings = await test.app.inject({ method: 'GET', url: '/api/v1/auth/settings', headers: admin.headers });
      expect(settings.json().requireTwoFactorForPrivileged).toBe(false);
    });
  });
}
