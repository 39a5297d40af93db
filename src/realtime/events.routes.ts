import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { requireActor, staffRoles } from '../auth/index.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import { mayReceive, type Viewer } from './audience.ts';
import { type EventTicketDeps, issueEventTicket, redeemEventTicket } from './event-tickets.ts';
import type { DefuseEvent } from './events.ts';

// Close codes in the private range: 4401 means "sign in again".
const closeSignedOut = 4401;
const closeForbidden = 4403;
const closeRoleChanged = 4409;
const maxBufferedBytes = 4 * 1024 * 1024;

export interface EventsRoutesOptions extends EventTicketDeps {
  bus: EventBus<DefuseEvent>;
}

/** The host an Origin header names, or null when it names none (`null`, garbage). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

/** One WebSocket per open screen; events are filtered per viewer by the pure audience rule. */
export async function eventsRoutes(app: FastifyInstance, { bus, db, clock }: EventsRoutesOptions): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const sockets = new Map<WebSocket, Viewer & { kind: 'staff' }>();
  // The cookie session each socket was opened from (null for an API token), so ending a session closes its sockets.
  const socketSessions = new Map<WebSocket, string | null>();

  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'token.revoked') return;
    if (event.type === 'user.deactivated') {
      for (const [socket, viewer] of sockets) if (viewer.userId === event.userId) socket.close(closeSignedOut, 'deactivated');
      return;
    }
    if (event.type === 'sessions.ended') {
      for (const [socket, viewer] of sockets) {
        const session = socketSessions.get(socket);
        if (viewer.userId !== event.userId || !session) continue;
        const ended = event.sessionId ? session === event.sessionId : session !== event.except;
        if (ended) socket.close(closeSignedOut, 'session ended');
      }
      return;
    }
    if (event.type === 'user.access-changed') {
      // The screen reconnects at once and is then shown what the new role may see.
      for (const [socket, viewer] of sockets) if (viewer.userId === event.userId) socket.close(closeRoleChanged, 'role changed');
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

  routes.post(
    '/events/ticket',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['realtime'],
        summary: 'A single-use ticket, valid for 30 seconds, that opens the events WebSocket (`/events?ticket=`)',
        response: {
          201: z.object({
            ticket: z.string(),
            expiresAt: z.string(),
            expiresInSeconds: z.number().int(),
          }),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await issueEventTicket({ db, clock }, requireActor(request))),
  );

  // The socket is opened with a ticket, never with a long-lived secret in the URL (URLs end up in logs).
  const ticketOf = async (request: FastifyRequest) => {
    const ticket = (request.query as { ticket?: unknown } | undefined)?.ticket;
    return typeof ticket === 'string' ? redeemEventTicket({ db, clock }, ticket) : null;
  };

  app.get(
    '/events',
    {
      websocket: true,
      config: { roles: staffRoles, authenticate: ticketOf },
      schema: { tags: ['realtime'], summary: 'WebSocket: live conversation, message and customer events', hide: true },
    },
    (socket, request) => {
      const actor = requireActor(request);
      // A ticket a browser session asked for is only good from our own pages (a stolen ticket from another site is not).
      const origin = request.headers.origin;
      if (actor.kind === 'session' && origin !== undefined && originHost(origin) !== request.headers.host) {
        socket.close(closeForbidden, 'origin not allowed');
        return;
      }
      sockets.set(socket, { kind: 'staff', userId: actor.userId, role: actor.role });
      socketSessions.set(socket, actor.sessionId);
      socket.on('message', (data) => {
        try {
          const parsed = JSON.parse(String(data)) as { type?: unknown };
          if (parsed.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
        } catch {
          socket.send(JSON.stringify({ type: 'error', detail: 'Frames must be JSON.' }));
        }
      });
      socket.on('close', () => {
        sockets.delete(socket);
        socketSessions.delete(socket);
      });
      socket.send(JSON.stringify({ type: 'ready', userId: actor.userId }));
    },
  );
}
