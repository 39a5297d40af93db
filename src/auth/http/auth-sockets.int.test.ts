import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type SignedIn, signedInFrom, type TestApp } from '../../../test/support/test-app.ts';
import { testDialects } from '../../../test/support/test-databases.ts';

// Ending a session, changing a password or changing a role reaches the open screens at once.

interface Screen {
  closed: Promise<number>;
  /** Resolves with 'pong' while the socket is open. */
  ping(): Promise<string>;
}

async function open(url: string): Promise<Screen> {
  const socket = new WebSocket(url);
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const frames: string[] = [];
  const waiting: Array<(type: string) => void> = [];
  socket.on('message', (data) => {
    const type = (JSON.parse(String(data)) as { type: string }).type;
    frames.push(type);
    for (const resolve of waiting.splice(0)) resolve(type);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve());
    socket.once('error', reject);
  });
  return {
    closed,
    ping: () =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no pong')), 2000);
        waiting.push((type) => {
          clearTimeout(timer);
          resolve(type);
        });
        socket.send(JSON.stringify({ type: 'ping' }));
      }),
  };
}

for (const dialect of testDialects) {
  describe(`open screens follow session and role changes on ${dialect}`, () => {
    let test: TestApp;
    let base: string;
    let admin: SignedIn;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      const address = test.app.server.address();
      base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      admin = await test.signIn('admin');
    });
    afterAll(async () => test?.close());

    const screenOf = async (signedIn: SignedIn) => {
      const ticket = await test.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: signedIn.headers });
      expect(ticket.statusCode, ticket.body).toBe(201);
      return open(`ws://${base}/api/v1/events?ticket=${ticket.json().ticket}`);
    };

    async function newUser(email: string, role = 'agent'): Promise<string> {
      const response = await test.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email, name: email, role, password: 'a long temporary passphrase' },
      });
      expect(response.statusCode).toBe(201);
      return response.json().id;
    }

    const signInAs = async (email: string, password = 'a long temporary passphrase') =>
      signedInFrom(await test.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } }));

    it('ending my other sessions closes their screens and keeps mine', async () => {
      await newUser('screens@test.example');
      const here = await signInAs('screens@test.example');
      const there = await signInAs('screens@test.example');
      const mine = await screenOf(here);
      const theirs = await screenOf(there);
      const ended = await test.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions', headers: here.headers });
      expect(ended.json()).toEqual({ ended: 1 });
      expect(await theirs.closed).toBe(4401);
      expect(await mine.ping()).toBe('pong');
    });

    it('signing out closes that session’s screen; a password change closes the other sessions’ screens', async () => {
      await newUser('changer-screens@test.example');
      const leaving = await signInAs('changer-screens@test.example');
      const leavingScreen = await screenOf(leaving);
      await test.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: leaving.headers });
      expect(await leavingScreen.closed).toBe(4401);

      const here = await signInAs('changer-screens@test.example');
      const there = await signInAs('changer-screens@test.example');
      const mine = await screenOf(here);
      const theirs = await screenOf(there);
      const changed = await test.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: here.headers,
        payload: { currentPassword: 'a long temporary passphrase', newPassword: 'another private phrase 7' },
      });
      expect(changed.statusCode).toBe(200);
      expect(await theirs.closed).toBe(4401);
      expect(await mine.ping()).toBe('pong');
    });

    it('an admin reset closes every screen of that user, and a role change makes them reconnect', async () => {
      const userId = await newUser('reset-screens@test.example', 'manager');
      const demoted = await screenOf(await signInAs('reset-screens@test.example'));
      await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${userId}`,
        headers: admin.headers,
        payload: { role: 'agent' },
      });
      expect(await demoted.closed).toBe(4409);

      const screen = await screenOf(await signInAs('reset-screens@test.example'));
      await test.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${userId}`,
        headers: admin.headers,
        payload: { password: 'a reset temporary phrase' },
      });
      expect(await screen.closed).toBe(4401);
    });
  });
}
