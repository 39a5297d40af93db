import type { FastifyInstance } from 'fastify';
import type { ChannelDeps, RunningChannel } from '../channel-deps.ts';

/** HTTP routes of the email channel, registered under /api/v1 (and its public endpoints). */
export async function emailRoutes(_app: FastifyInstance, _deps: ChannelDeps): Promise<void> {}

/** Starts the email channel's listeners and workers; main.ts calls this after the app listens. */
export async function startEmailChannel(_deps: ChannelDeps): Promise<RunningChannel> {
  return { stop: async () => undefined };
}
