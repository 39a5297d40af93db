import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AuditAuthor, auditAuthorOf } from '../../audit/index.ts';
import { requireActor, staffRoles } from '../../auth/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import { playbookStepIds } from '../../playbook/index.ts';
import {
  createScript,
  listRegionalGuidance,
  listScripts,
  listScriptVersions,
  reviseScript,
  saveRegionalGuidance,
  setScriptRetired,
} from '../use-cases/manage-scripts.ts';
import { regionalGuidanceMap, regionalGuidanceResponse, scriptList, scriptResponse } from './responses.ts';

const curators = ['qa', 'admin'] as const;
const keyParams = z.strictObject({ key: z.string().min(1).max(100) });
const tagList = z.array(z.string().trim().min(1).max(40)).max(20).default([]);
const scriptBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  step: z.enum(playbookStepIds),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639-1 code such as ro'),
  categories: tagList,
  intents: tagList,
  regions: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))
    .max(50)
    .default([]),
  tiers: z
    .array(z.enum(['standard', 'gold', 'vip']))
    .max(3)
    .default([]),
  body: z.string().trim().min(1).max(5000),
});
const guidanceBody = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/),
  countryName: z.string().trim().min(1).max(100),
  locale: z.string().min(2).max(20),
  formality: z.string().trim().max(1000),
  directness: z.string().trim().max(1000),
  preferredChannels: z.array(z.string().trim().min(1).max(40)).max(10),
  businessHours: z.strictObject({
    timeZone: z.string().min(1).max(60),
    days: z.string().max(60),
    open: z.string().regex(/^\d{2}:\d{2}$/),
    close: z.string().regex(/^\d{2}:\d{2}$/),
    note: z.string().max(300).optional(),
  }),
  holidays: z.array(z.strictObject({ name: z.string().trim().min(1).max(100), when: z.string().trim().min(1).max(100) })).max(40),
  notes: z.array(z.string().trim().min(1).max(500)).max(20),
});

/** The signed-in author of a change (the guard has set the actor on these routes). */
function authorOf(request: FastifyRequest): AuditAuthor & { userId: string } {
  return { ...auditAuthorOf(request), userId: requireActor(request).userId };
}

export async function scriptsRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; clock: Clock }): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/scripts',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['scripts'],
        summary: 'The script library: newest version of each script',
        querystring: z.strictObject({ includeRetired: z.enum(['true', 'false']).default('false') }),
        response: { 200: scriptList },
      },
    },
    async (request) => ({ items: await listScripts(deps, { includeRetired: request.query.includeRetired === 'true' }) }),
  );
  routes.get(
    '/scripts/:key/versions',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['scripts'],
        summary: 'Every version of a script, newest first',
        params: keyParams,
        response: { 200: scriptList },
      },
    },
    async (request) => ({ items: await listScriptVersions(deps, request.params.key) }),
  );
  routes.post(
    '/scripts',
    {
      config: { roles: curators },
      schema: { tags: ['scripts'], summary: 'Write a new script', body: scriptBody, response: { 201: scriptResponse } },
    },
    async (request, reply) => reply.code(201).send(await createScript(deps, authorOf(request), request.body)),
  );
  routes.put(
    '/scripts/:key',
    {
      config: { roles: curators },
      schema: {
        tags: ['scripts'],
        summary: 'Edit a script (adds a new version)',
        params: keyParams,
        body: scriptBody,
        response: { 200: scriptResponse },
      },
    },
    async (request) => reviseScript(deps, authorOf(request), request.params.key, request.body),
  );
  routes.post(
    '/scripts/:key/retire',
    {
      config: { roles: curators },
      schema: {
        tags: ['scripts'],
        summary: 'Retire a script: kept, never suggested',
        params: keyParams,
        response: { 200: scriptResponse },
      },
    },
    async (request) => setScriptRetired(deps, authorOf(request), request.params.key, true),
  );
  routes.post(
    '/scripts/:key/restore',
    {
      config: { roles: curators },
      schema: { tags: ['scripts'], summary: 'Bring a retired script back', params: keyParams, response: { 200: scriptResponse } },
    },
    async (request) => setScriptRetired(deps, authorOf(request), request.params.key, false),
  );

  routes.get(
    '/regional-guidance',
    {
      config: { roles: staffRoles },
      schema: { tags: ['scripts'], summary: 'Communication guidance per country', response: { 200: regionalGuidanceMap } },
    },
    async () => ({ items: await listRegionalGuidance(deps) }),
  );
  routes.put(
    '/regional-guidance/:country',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['scripts'],
        summary: "Edit a country's communication guidance",
        params: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/) }),
        body: guidanceBody,
        response: { 200: regionalGuidanceResponse },
      },
    },
    async (request) => {
      await saveRegionalGuidance(deps, authorOf(request), { ...request.body, country: request.params.country });
      return (await listRegionalGuidance(deps))[request.params.country];
    },
  );
}
