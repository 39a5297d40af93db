import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, moneySchema } from '../../platform/http/schemas.ts';
import { roles, staffRoles } from '../domain/roles.ts';
import type { AuthDeps } from '../use-cases/auth-deps.ts';
import { createUser, listUsers, updateUser } from '../use-cases/manage-users.ts';
import { requireActor } from './auth-guard.ts';
import { userSchema } from './auth-schemas.ts';

const adminOnly = ['admin'] as const;

export async function usersRoutes(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/users',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['users'],
        summary: 'List users (to pick an assignee)',
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async () => ({ items: await listUsers(deps) }),
  );

  routes.post(
    '/users',
    {
      config: { roles: adminOnly },
      schema: {
        tags: ['users'],
        summary: 'Invite a user with a temporary password',
        body: z.strictObject({
          email: z.email().max(320),
          name: z.string().trim().min(1).max(200),
          role: z.enum(roles),
          password: z.string().min(1).max(200),
          approvalLimit: moneySchema.optional(),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const user = await createUser(deps, actor, request.body, request.ip);
      return reply.code(201).send(user);
    },
  );

  routes.patch(
    '/users/:id',
    {
      config: { roles: adminOnly },
      schema: {
        tags: ['users'],
        summary: 'Change name, role, approval limit or deactivate; reset the password (ends their sessions) or second factor',
        params: idParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          role: z.enum(roles).optional(),
          approvalLimit: moneySchema.optional(),
          active: z.boolean().optional(),
          password: z.string().min(1).max(200).optional(),
          resetTwoFactor: z.literal(true).optional(),
        }),
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(deps, requireActor(request), request.params.id, request.body, request.ip),
  );
}
