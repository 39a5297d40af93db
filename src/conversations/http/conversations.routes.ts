import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAuthorOf } from '../../audit/index.ts';
import { requireActor, staffRoles } from '../../auth/index.ts';
import { idParams, isoDateTime, limitQuery } from '../../platform/http/schemas.ts';
import { channels, conversationStatuses, priorities } from '../domain/conversation.ts';
import { conversationFlags } from '../domain/heat-reading.ts';
import { changeConversation, postMessage } from '../use-cases/change-conversation.ts';
import type { ConversationDeps } from '../use-cases/conversation-deps.ts';
import { correctAnalysis, correctableSignals, listAnalysisCorrections } from '../use-cases/correct-analysis.ts';
import { getConversation } from '../use-cases/get-conversation.ts';
import { ingestInbound } from '../use-cases/ingest-inbound.ts';
import { listConversations } from '../use-cases/list-conversations.ts';
import {
  conversationDetail,
  conversationPage,
  conversationSummaryResponse,
  correctionCreated,
  correctionPage,
  ingestResponse,
  messageResponse,
} from './responses.ts';

const workers = ['agent', 'manager', 'admin'] as const;
const maxMessageLength = 100_000;

const statusList = z
  .string()
  .max(200)
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(conversationStatuses)));

export async function conversationsRoutes(app: FastifyInstance, deps: ConversationDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/conversations',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['conversations'],
        summary:
          'The inbox: filter by status, assignee, channel, customer, heat, flag; sort by newest, longest waiting or hottest',
        querystring: z.strictObject({
          status: statusList.optional(),
          assigneeId: z.string().max(64).optional(),
          channel: z.enum(channels).optional(),
          customerId: z.string().max(64).optional(),
          sort: z.enum(['newest', 'waiting', 'heat']).default('newest'),
          minHeat: z.coerce.number().int().min(0).max(100).optional(),
          flag: z.enum(conversationFlags).optional(),
          limit: limitQuery,
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: conversationPage },
      },
    },
    async (request) => {
      const { status, assigneeId, ...rest } = request.query;
      return listConversations(deps, {
        ...rest,
        statuses: status,
        assigneeId: assigneeId === 'me' ? requireActor(request).userId : assigneeId,
      });
    },
  );

  routes.get(
    '/customers/:id/conversations',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['conversations'],
        summary: "A customer's conversations, newest first",
        params: idParams,
        response: { 200: conversationPage },
      },
    },
    async (request) => listConversations(deps, { customerId: request.params.id, sort: 'newest', limit: 100 }),
  );

  routes.get(
    '/conversations/:id',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['conversations'],
        summary:
          'One conversation with its timeline (oldest first), each customer message with its analysis, and the conversation reading',
        params: idParams,
        querystring: z.strictObject({
          before: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: conversationDetail },
      },
    },
    async (request) => getConversation(deps, { id: request.params.id, ...request.query }),
  );

  routes.patch(
    '/conversations/:id',
    {
      config: { roles: workers },
      schema: {
        tags: ['conversations'],
        summary: 'Change status, priority, assignee or subject',
        params: idParams,
        body: z.strictObject({
          status: z.enum(conversationStatuses).optional(),
          priority: z.enum(priorities).optional(),
          assigneeId: z.string().max(64).nullable().optional(),
          subject: z.string().trim().min(1).max(300).optional(),
        }),
        response: { 200: conversationSummaryResponse },
      },
    },
    async (request) => changeConversation(deps, { ...requireActor(request), ip: request.ip }, request.params.id, request.body),
  );

  routes.post(
    '/conversations/:id/messages',
    {
      config: { roles: workers },
      schema: {
        tags: ['conversations'],
        summary: 'Reply to the customer (kind agent) or add an internal note (kind note)',
        params: idParams,
        body: z.strictObject({
          kind: z.enum(['agent', 'note']),
          body: z.string().trim().min(1).max(maxMessageLength),
          insertedTemplate: z
            .strictObject({ key: z.string().min(1).max(100), text: z.string().max(maxMessageLength) })
            .optional(),
        }),
        response: { 201: messageResponse },
      },
    },
    async (request, reply) => {
      const { kind, body, insertedTemplate } = request.body;
      const review =
        kind === 'agent' && deps.reviewReplyOnSend
          ? await deps.reviewReplyOnSend(request.params.id, body, insertedTemplate ?? null)
          : null;
      return reply.code(201).send(await postMessage(deps, requireActor(request), request.params.id, { kind, body, review }));
    },
  );

  routes.post(
    '/messages/:id/corrections',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['analysis'],
        summary: 'Mark a label on a customer message as wrong (or missed); kept for retraining',
        params: idParams,
        body: z.strictObject({
          signal: z.enum(correctableSignals),
          verdict: z.enum(['wrong', 'missed']),
          note: z.string().trim().max(1000).default(''),
        }),
        response: { 201: correctionCreated },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await correctAnalysis(
            deps,
            { ...auditAuthorOf(request), userId: requireActor(request).userId },
            { messageId: request.params.id, ...request.body },
          ),
        ),
  );

  routes.get(
    '/analysis/corrections',
    {
      config: { roles: ['manager', 'qa', 'admin'] },
      schema: {
        tags: ['analysis'],
        summary: 'Label corrections with their texts, newest first (for retraining and evaluation)',
        querystring: z.strictObject({
          limit: limitQuery,
          cursor: z.string().max(64).optional(),
          messageId: z.string().max(64).optional(),
        }),
        response: { 200: correctionPage },
      },
    },
    async (request) => listAnalysisCorrections(deps, request.query),
  );

  routes.post(
    '/inbound',
    {
      config: { roles: workers },
      schema: {
        tags: ['inbound'],
        summary: 'Ingest a customer message from an integration; idempotent on externalMessageId',
        body: z.strictObject({
          channel: z.enum(channels),
          externalMessageId: z.string().min(1).max(500).optional(),
          from: z.strictObject({
            email: z.email().max(320).optional(),
            phone: z.string().trim().min(3).max(40).optional(),
            name: z.string().trim().max(200).optional(),
            externalId: z.string().trim().min(1).max(100).optional(),
          }),
          subject: z.string().max(1000).optional(),
          body: z.string().min(1).max(maxMessageLength),
          receivedAt: isoDateTime.optional(),
        }),
        response: { 200: ingestResponse.describe('A repeated externalMessageId: nothing new stored'), 201: ingestResponse },
      },
    },
    async (request, reply) => {
      const result = await ingestInbound(deps, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
}
