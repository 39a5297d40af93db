import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, isoDateTime, noContent } from '../../platform/http/schemas.ts';
import { roles } from '../domain/roles.ts';
import type { AuthDeps } from '../use-cases/auth-deps.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../use-cases/manage-api-tokens.ts';
import { requireActor } from './auth-guard.ts';
import { apiTokenSchema } from './auth-schemas.ts';

const adminOnly = ['admin'] as const;

export async function tokensRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/tokens',
    {
      config: { roles: adminOnly },
      schema: { tags: ['tokens'], summary: 'List API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }) } },
    },
    async () => ({ items: await listApiTokens(deps) }),
  );

  routes.post(
    '/tokens',
    {
      config: { roles: adminOnly },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is shown once',
        body: z.strictObject({
          name: z.string().trim().min(1).max(200),
          role: z.enum(roles),
          /** When the token stops working (omit or null: never). */
          expiresAt: isoDateTime.nullable().optional(),
        }),
        response: { 201: z.object({ token: apiTokenSchema, secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(deps, requireActor(request), request.body, request.ip);
      return reply.code(201).send(created);
    },
  );

  routes.delete(
    '/tokens/:id',
    {
      config: { roles: adminOnly },
      schema: { tags: ['tokens'], summary: 'Revoke an API token', params: idParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      await revokeApiToken(deps, requireActor(request), request.params.id, request.ip);
      return reply.code(204).send();
    },
  );
}
