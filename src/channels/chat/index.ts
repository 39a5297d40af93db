import type { FastifyInstance } from 'fastify';
import type { ChannelDeps, RunningChannel } from '../channel-deps.ts';

/** HTTP routes of the chat channel, registered under /api/v1 (and its public endpoints). */
export async function chatRoutes(_app: FastifyInstance, _deps: ChannelDeps): Promise<void> {}

/** Starts the chat channel's listeners and workers; main.ts calls this after the app listens. */
export async function startChatChannel(_deps: ChannelDeps): Promise<RunningChannel> {
  return { stop: async () => undefined };
}
