import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { platformError } from '../../platform/errors.ts';
import { authError } from '../domain/auth-errors.ts';
import { type Actor, mayAccess, type Role } from '../domain/roles.ts';
import type { AuthDeps } from '../use-cases/auth-deps.ts';
import { authenticateSession, authenticateToken } from '../use-cases/authenticate.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on this route; every /api route must declare roles or be public. */
    roles?: readonly Role[];
    public?: boolean;
    /**
     * A route that authenticates by its own means instead of the cookie or a bearer token (the
     * events socket's single-use ticket); the guard still enforces the roles on what it returns.
     */
    authenticate?: (request: FastifyRequest) => Promise<Actor | null>;
    /** Open to a session that must still enrol a second factor (sign-out, me, enrolment). */
    allowWhileEnrolling?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const sessionCookieName = 'defuse_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function resolveActor(deps: AuthDeps, request: FastifyRequest): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const actor = await authenticateToken(deps, header.slice('Bearer '.length).trim());
    if (!actor)
      throw platformError(
        'not-signed-in',
        'The API token is unknown, revoked or expired, or its creator no longer holds its role or is deactivated.',
      );
    return actor;
  }
  const cookie = request.cookies[sessionCookieName];
  return cookie ? authenticateSession(deps, cookie) : null;
}

/** One line per API route: what the role matrix test walks. */
export interface RouteAccess {
  method: string;
  url: string;
  roles: readonly Role[] | 'public';
  websocket: boolean;
}

export interface AuthGuardOptions {
  deps: AuthDeps;
  /** Filled with every API route as it is registered. */
  catalog?: RouteAccess[];
}

/** Authenticates every request and enforces each route's declared roles and CSRF protection. */
export const authGuard = fastifyPlugin(async (app: FastifyInstance, { deps, catalog }: AuthGuardOptions) => {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const config = route.config as { roles?: readonly Role[]; public?: boolean } | undefined;
    if (!route.url.startsWith('/api/')) return;
    if (!config?.public && !config?.roles) {
      throw new Error(`Route ${route.method} ${route.url} declares neither roles nor public`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      catalog?.push({
        method,
        url: route.url,
        roles: config.public ? 'public' : (config.roles ?? []),
        websocket: route.websocket === true,
      });
    }
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (config.public || !config.roles) return;
    const actor = config.authenticate ? await config.authenticate(request) : await resolveActor(deps, request);
    if (!actor) throw platformError('not-signed-in', 'Please sign in first.');
    if (!mayAccess(actor.role, config.roles)) {
      throw platformError('role-not-allowed', `This needs one of these roles: ${config.roles.join(', ')}.`);
    }
    if (actor.twoFactorEnrolmentRequired && !config.allowWhileEnrolling) {
      throw authError(
        'two-factor-enrolment-required',
        'Your role must use a second factor: set up an authenticator app under My account before continuing.',
      );
    }
    if (actor.kind === 'session' && !safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !actor.csrfToken || !sameSecret(sent, actor.csrfToken)) {
        throw platformError('csrf-token-invalid', 'The x-csrf-token header is missing or does not match this session.');
      }
    }
    request.actor = actor;
  });
});

/** For handlers of routes that declare roles: the guard has set the actor. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw platformError('not-signed-in', 'Please sign in first.');
  return request.actor;
}
