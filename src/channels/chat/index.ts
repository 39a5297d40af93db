import type { FastifyInstance } from 'fastify';
import { callsRoutes } from '../calls/index.ts';
import type { ChannelDeps, RunningChannel } from '../channel-deps.ts';
import { widgetRoutes } from './http/widget.routes.ts';
import { WidgetHub } from './http/widget-hub.ts';
import { ChatSessions } from './use-cases/chat-sessions.ts';

export { signIdentityToken } from './domain/tokens.ts';

/**
 * HTTP routes of the chat channel, registered under /api/v1: the widget's public endpoints and
 * socket, widget settings (admin), agent typing/read state; and the call logs (src/channels/calls).
 */
export async function chatRoutes(app: FastifyInstance, deps: ChannelDeps): Promise<void> {
  const chat = new ChatSessions(deps);
  const hub = new WidgetHub(chat);
  app.addHook('onClose', async () => hub.close());
  await app.register(widgetRoutes, { chat, hub });
  await app.register(callsRoutes, deps);
}

/** Starts the chat channel's listeners and workers; the widget's sockets live with the HTTP app, so nothing runs here. */
export async function startChatChannel(_deps: ChannelDeps): Promise<RunningChannel> {
  return { stop: async () => undefined };
}
