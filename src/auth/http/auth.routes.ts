import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { staffRoles } from '../domain/roles.ts';
import type { AuthDeps } from '../use-cases/auth-deps.ts';
import { getUser } from '../use-cases/manage-users.ts';
import { signIn } from '../use-cases/sign-in.ts';
import { signOut } from '../use-cases/sign-out.ts';
import { requireActor, sessionCookieName } from './auth-guard.ts';

export interface AuthRoutesOptions {
  deps: AuthDeps;
  cookieSecure: boolean;
  loginAttemptsPerMinute: number;
}

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = options;

  routes.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: options.loginAttemptsPerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: z.strictObject({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, { ...request.body, ip: request.ip });
      reply.setCookie(sessionCookieName, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure,
        expires: new Date(result.expiresAt),
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  routes.post(
    '/auth/logout',
    { config: { roles: staffRoles }, schema: { tags: ['auth'], summary: 'End this session' } },
    async (request, reply) => {
      await signOut(deps, requireActor(request), request.ip);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send();
    },
  );

  routes.get(
    '/auth/me',
    { config: { roles: staffRoles }, schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token' } },
    async (request) => {
      const actor = requireActor(request);
      return { user: await getUser(deps, actor.userId), csrfToken: actor.csrfToken };
    },
  );
}
