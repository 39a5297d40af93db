import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../auth/index.ts';
import { idParams, limitQuery } from '../../platform/http/schemas.ts';
import { renderExportHtml } from '../domain/export-html.ts';
import { decideErasure, erasureStatuses, listErasureRequests, proposeErasure } from '../use-cases/erasure.ts';
import { exportCustomer } from '../use-cases/export-customer.ts';
import type { PrivacyActor, PrivacyDeps } from '../use-cases/privacy-deps.ts';
import { getPrivacySettings, savePrivacySettings } from '../use-cases/retention.ts';

const deciders = ['manager', 'admin'] as const;

const person = z.object({ id: z.string(), name: z.string() });
const erasureRequestSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  reason: z.string(),
  status: z.enum(erasureStatuses),
  requestedBy: person,
  requestedAt: z.string(),
  decidedBy: person.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
const settingsSchema = z.object({ retentionMonths: z.number().int().nullable(), updatedAt: z.string().nullable() });
/** The export document: its parts are listed in docs/API.md; nested records pass through as they are. */
const exportSchema = z.looseObject({
  format: z.literal('defuse-customer-export.v1'),
  exportedAt: z.string(),
  erased: z.boolean(),
  customer: z.looseObject({ id: z.string(), name: z.string() }),
  orders: z.array(z.looseObject({})),
  conversations: z.array(z.looseObject({})),
  calls: z.array(z.looseObject({})),
  emails: z.array(z.looseObject({})),
  chatSessions: z.array(z.looseObject({})),
  erasureRequests: z.array(z.looseObject({})),
  auditEntries: z.array(z.looseObject({})),
});
const decisionBody = z.strictObject({ note: z.string().trim().max(2000).optional() });

function actorOf(request: FastifyRequest): PrivacyActor {
  const actor = requireActor(request);
  return { userId: actor.userId, tokenId: actor.tokenId, ip: request.ip };
}

/** Export, erasure (propose, approve, reject) and the retention setting; registered under /api/v1. */
export async function privacyRoutes(app: FastifyInstance, deps: PrivacyDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/customers/:id/export',
    {
      config: { roles: deciders },
      schema: {
        tags: ['privacy'],
        summary:
          'Everything Defuse holds about one customer as JSON: profile, contacts, orders, conversations with messages and analyses, calls, e-mail records (attachments listed, not their bytes), chat sessions, erasure requests and audit entries about them. Audited.',
        params: idParams,
        response: { 200: exportSchema },
      },
    },
    // The document's interfaces have no index signatures; the schema checks its shape when serialising.
    async (request) =>
      (await exportCustomer(deps, actorOf(request), request.params.id, 'json')) as unknown as z.infer<typeof exportSchema>,
  );

  routes.get(
    '/customers/:id/export.html',
    {
      config: { roles: deciders },
      schema: {
        tags: ['privacy'],
        summary: 'The same export as a readable HTML page (every value escaped, no script). Audited.',
        params: idParams,
        produces: ['text/html'],
        response: { 200: z.string().describe('An HTML document (text/html; charset=utf-8)') },
      },
    },
    async (request, reply) => {
      const document = await exportCustomer(deps, actorOf(request), request.params.id, 'html');
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderExportHtml(document as unknown as Record<string, unknown>));
    },
  );

  routes.post(
    '/customers/:id/erasure',
    {
      config: { roles: deciders },
      schema: {
        tags: ['privacy'],
        summary:
          "Propose erasing a customer's personal data, with a reason. Nothing changes until a different manager or admin approves.",
        params: idParams,
        body: z.strictObject({ reason: z.string().trim().min(3).max(2000) }),
        response: { 201: erasureRequestSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await proposeErasure(deps, actorOf(request), request.params.id, request.body.reason)),
  );

  routes.get(
    '/erasure-requests',
    {
      config: { roles: deciders },
      schema: {
        tags: ['privacy'],
        summary: 'Erasure requests, newest first (pending by default)',
        querystring: z.strictObject({ status: z.enum(erasureStatuses).default('pending'), limit: limitQuery }),
        response: { 200: z.object({ items: z.array(erasureRequestSchema) }) },
      },
    },
    async (request) => ({ items: await listErasureRequests(deps.db, request.query) }),
  );

  for (const [path, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    routes.post(
      `/erasure-requests/:id/${path}`,
      {
        config: { roles: deciders },
        schema: {
          tags: ['privacy'],
          summary:
            decision === 'approved'
              ? 'Approve a pending erasure request and carry it out (anonymises the customer at once; cannot be undone). Not by its proposer.'
              : 'Reject a pending erasure request. Not by its proposer.',
          params: idParams,
          body: decisionBody,
          response: { 200: erasureRequestSchema },
        },
      },
      async (request) => decideErasure(deps, actorOf(request), request.params.id, decision, request.body.note || null),
    );
  }

  routes.get(
    '/privacy/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['privacy'],
        summary: 'The retention setting (null months: off, the default)',
        response: { 200: settingsSchema },
      },
    },
    async () => getPrivacySettings(deps),
  );

  routes.put(
    '/privacy/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['privacy'],
        summary:
          'Set retention: anonymise conversations resolved or closed longer than this many months (a daily job); null turns it off. Audited.',
        body: z.strictObject({ retentionMonths: z.number().int().min(1).max(600).nullable() }),
        response: { 200: settingsSchema },
      },
    },
    async (request) => savePrivacySettings(deps, actorOf(request), request.body),
  );
}
