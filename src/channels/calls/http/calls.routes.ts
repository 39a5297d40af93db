import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, staffRoles } from '../../../auth/index.ts';
import { idParams, isoDateTime } from '../../../platform/http/schemas.ts';
import type { ChannelDeps } from '../../channel-deps.ts';
import { callDirections, callKinds, callOutcomes } from '../domain/call.ts';
import { transcriptFormats } from '../domain/transcript.ts';
import { listCalls, logCall } from '../use-cases/log-call.ts';
import { callListResponse, loggedCallResponse } from './responses.ts';

const workers = ['agent', 'manager', 'admin'] as const;
const speakerList = z.array(z.string().trim().min(1).max(100)).max(20).optional();

export async function callsRoutes(app: FastifyInstance, deps: ChannelDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/conversations/:id/calls',
    {
      config: { roles: workers },
      schema: {
        tags: ['calls'],
        summary:
          'Log a phone call or video meeting, with an optional transcript (.txt, .vtt or .srt text) whose speaker turns become analysed timeline entries. Logging the same call again (same id, or same kind and start time) stores nothing twice.',
        params: idParams,
        body: z.strictObject({
          id: z
            .string()
            .regex(/^[A-Za-z0-9_-]{6,64}$/, 'must be 6–64 characters of A–Z, a–z, 0–9, _ or -')
            .optional(),
          kind: z.enum(callKinds),
          direction: z.enum(callDirections),
          startedAt: isoDateTime,
          durationSeconds: z
            .number()
            .int()
            .min(0)
            .max(24 * 60 * 60),
          outcome: z.enum(callOutcomes),
          notes: z.string().trim().max(20_000).default(''),
          transcript: z
            .strictObject({
              text: z.string().min(1).max(900_000),
              format: z.enum(transcriptFormats).optional(),
              fileName: z.string().max(255).optional(),
              agentSpeakers: speakerList,
              customerSpeakers: speakerList,
            })
            .optional(),
        }),
        response: { 201: loggedCallResponse },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await logCall(deps, { ...requireActor(request), ip: request.ip }, request.params.id, request.body)),
  );

  routes.get(
    '/conversations/:id/calls',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['calls'],
        summary: 'The calls and video meetings logged on a conversation, newest first',
        params: idParams,
        response: { 200: callListResponse },
      },
    },
    async (request) => ({ calls: await listCalls(deps, request.params.id) }),
  );
}
