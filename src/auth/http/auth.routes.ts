import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from '../../platform/http/schemas.ts';
import { maxPasswordLength } from '../domain/passwords.ts';
import { staffRoles } from '../domain/roles.ts';
import type { AuthDeps } from '../use-cases/auth-deps.ts';
import { SignInLockedError } from '../use-cases/login-throttle.ts';
import { getUser } from '../use-cases/manage-users.ts';
import { changeOwnPassword, endOtherSessions, endOwnSession, listOwnSessions } from '../use-cases/own-account.ts';
import { signIn } from '../use-cases/sign-in.ts';
import { signOut } from '../use-cases/sign-out.ts';
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  getAuthSettings,
  startTwoFactorEnrolment,
  updateAuthSettings,
} from '../use-cases/two-factor.ts';
import { requireActor, sessionCookieName } from './auth-guard.ts';
import { authSettingsSchema, ownSessionSchema, signedInSchema, userSchema } from './auth-schemas.ts';

export interface AuthRoutesOptions {
  deps: AuthDeps;
  cookieSecure: boolean;
  loginAttemptsPerMinute: number;
}

const codeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app');
const sessionParams = z.strictObject({ id: z.string().min(1).max(64) });
// Roles may sign out, see themselves and enrol while a required second factor is still missing.
const enrolling = { roles: staffRoles, allowWhileEnrolling: true } as const;

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { deps } = options;

  // A lockout answers 429 with how long to wait, on every route here that checks a secret.
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof SignInLockedError) reply.header('retry-after', String(error.retryAfterSeconds));
  });

  routes.post(
    '/auth/login',
    {
      config: {
        public: true,
        // A burst limit per address and e-mail on this node; the lockout below holds across nodes.
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
        summary: 'Sign in with e-mail, password and (when enrolled) a TOTP code; sets the session cookie',
        body: z.strictObject({
          email: z.string().trim().min(3).max(320),
          password: z.string().min(1).max(maxPasswordLength),
          code: codeSchema.optional(),
        }),
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(sessionCookieName, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure,
        expires: new Date(result.expiresAt),
      });
      return { user: result.user, csrfToken: result.csrfToken, twoFactorEnrolmentRequired: result.twoFactorEnrolmentRequired };
    },
  );

  routes.post(
    '/auth/logout',
    { config: enrolling, schema: { tags: ['auth'], summary: 'End this session', response: { 204: noContent } } },
    async (request, reply) => {
      await signOut(deps, requireActor(request), request.ip);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send();
    },
  );

  routes.get(
    '/auth/me',
    {
      config: enrolling,
      schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token', response: { 200: signedInSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      return {
        user: await getUser(deps, actor.userId),
        csrfToken: actor.csrfToken,
        twoFactorEnrolmentRequired: actor.twoFactorEnrolmentRequired === true,
      };
    },
  );

  routes.get(
    '/auth/sessions',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['auth'],
        summary: 'My sessions (the current one is marked)',
        response: { 200: z.object({ items: z.array(ownSessionSchema) }) },
      },
    },
    async (request) => ({ items: await listOwnSessions(deps, requireActor(request)) }),
  );

  routes.delete(
    '/auth/sessions/:id',
    {
      config: { roles: staffRoles },
      schema: { tags: ['auth'], summary: 'End one of my sessions', params: sessionParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      const { current } = await endOwnSession(deps, requireActor(request), request.params.id, request.ip);
      if (current) reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send();
    },
  );

  routes.delete(
    '/auth/sessions',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['auth'],
        summary: 'End all my sessions except this one',
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    async (request) => endOtherSessions(deps, requireActor(request), request.ip),
  );

  routes.post(
    '/auth/password',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['auth'],
        summary: 'Change my password (current password required); ends my other sessions',
        body: z.strictObject({
          currentPassword: z.string().min(1).max(maxPasswordLength),
          newPassword: z.string().min(1).max(maxPasswordLength),
        }),
        response: { 200: z.object({ endedSessions: z.number().int() }) },
      },
    },
    async (request) => changeOwnPassword(deps, requireActor(request), request.body, request.ip),
  );

  routes.post(
    '/auth/two-factor/enrolment',
    {
      config: enrolling,
      schema: {
        tags: ['auth'],
        summary: 'Start TOTP enrolment: the secret and otpauth:// URI, shown once',
        response: { 201: z.object({ secret: z.string(), uri: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await startTwoFactorEnrolment(deps, requireActor(request))),
  );

  routes.post(
    '/auth/two-factor/confirm',
    {
      config: enrolling,
      schema: {
        tags: ['auth'],
        summary: 'Confirm TOTP enrolment with a code from the app; sign-in then asks for a code',
        body: z.strictObject({ code: codeSchema }),
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await confirmTwoFactorEnrolment(deps, actor, request.body.code, request.ip);
      return reply.send({ user: await getUser(deps, actor.userId) });
    },
  );

  routes.post(
    '/auth/two-factor/disable',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['auth'],
        summary: 'Turn TOTP off with a current code',
        body: z.strictObject({ code: codeSchema }),
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await disableTwoFactor(deps, actor, request.body.code, request.ip);
      return { user: await getUser(deps, actor.userId) };
    },
  );

  routes.get(
    '/auth/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Sign-in settings (second factor requirement)',
        response: { 200: authSettingsSchema },
      },
    },
    async () => getAuthSettings(deps.db),
  );

  routes.put(
    '/auth/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Require a second factor for admins and managers',
        body: z.strictObject({ requireTwoFactorForPrivileged: z.boolean() }),
        response: { 200: authSettingsSchema },
      },
    },
    async (request) => updateAuthSettings(deps, requireActor(request), request.body, request.ip),
  );
}
