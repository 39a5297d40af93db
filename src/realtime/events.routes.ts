import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { requireActor, staffRoles } from '../auth/index.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import { mayReceive, type Viewer } from './audience.ts';
import type { DefuseEvent } from './events.ts';

// Close codes in the private range: 4401 means "sign in again".
const closeSignedOut = 4401;
const maxBufferedBytes = 4 * 1024 * 1024;

/** One WebSocket per open screen; events are filtered per viewer by the pure audience rule. */
export async function eventsRoutes(app: FastifyInstance, bus: EventBus<DefuseEvent>): Promise<void> {
  const sockets = new Map<WebSocket, Viewer & { kind: 'staff' }>();

  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'token.revoked') return;
    if (event.type === 'user.deactivated') {
      for (const [socket, viewer] of sockets) if (viewer.userId === event.userId) socket.close(closeSignedOut, 'deactivated');
      return;
    }
    let frame: string | null = null;
    for (const [socket, viewer] of sockets) {
      if (!mayReceive(viewer, event)) continue;
      // A screen that cannot keep up is dropped rather than allowed to grow memory; it reconnects and re-fetches.
      if (socket.bufferedAmount > maxBufferedBytes) {
        socket.terminate();
        continue;
      }
      frame ??= JSON.stringify(event);
      socket.send(frame);
    }
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    for (const socket of sockets.keys()) socket.close(1001, 'server shutting down');
  });

  app.get(
    '/events',
    {
      websocket: true,
      config: { roles: staffRoles, allowQueryToken: true },
      schema: { tags: ['realtime'], summary: 'WebSocket: live conversation, message and customer events', hide: true },
    },
    (socket, request) => {
      const actor = requireActor(request);
      // Browsers send cookies with cross-site WebSocket handshakes in some setups: insist on our own origin.
      const origin = request.headers.origin;
      if (actor.kind === 'session' && origin && new URL(origin).host !== request.headers.host) {
        socket.close(closeSignedOut, 'origin not allowed');
        return;
      }
      sockets.set(socket, { kind: 'staff', userId: actor.userId, role: actor.role });
      socket.on('message', (data) => {
        try {
          const parsed = JSON.parse(String(data)) as { type?: unknown };
          if (parsed.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
        } catch {
          socket.send(JSON.stringify({ type: 'error', detail: 'Frames must be JSON.' }));
        }
      });
      socket.on('close', () => sockets.delete(socket));
      socket.send(JSON.stringify({ type: 'ready', userId: actor.userId }));
    },
  );
}
