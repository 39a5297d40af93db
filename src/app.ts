import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { assistRoutes, reviewOnSend } from './assist/index.ts';
import { auditRoutes } from './audit/index.ts';
import { authGuard, authRoutes, type RouteAccess, rememberTokens, tokensRoutes, usersRoutes } from './auth/index.ts';
import { chatRoutes } from './channels/chat/index.ts';
import { decryptSecret, encryptSecret, parseSecretKey } from './channels/email/domain/secret-box.ts';
import { emailRoutes } from './channels/email/index.ts';
import { conversationsRoutes, type InsertedTemplate } from './conversations/index.ts';
import { customersRoutes } from './customers/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/schema.ts';
import type { WriteRunner } from './platform/db/write-runner.ts';
import { platformError } from './platform/errors.ts';
import type { EventBus } from './platform/events/event-bus.ts';
import { apiContract } from './platform/http/api-contract.ts';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  installProblemHandler,
  sendProblem,
} from './platform/http/problem-handler.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { installTextPolicy } from './platform/http/text-policy-hook.ts';
import { privacyRoutes } from './privacy/index.ts';
import { type DefuseEvent, eventsRoutes } from './realtime/index.ts';
import { scriptsRoutes } from './scripts-library/index.ts';

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  clock: Clock;
  events: EventBus<DefuseEvent>;
  writes: WriteRunner;
  logger?: boolean | { level: string };
  /** The company's name as scripts say it. */
  companyName?: string;
  /** Filled with every API route and the roles it allows (used by the role matrix test). */
  routeCatalog?: RouteAccess[];
}

/**
 * The capabilities' dependencies, wired by hand: shared by the HTTP app and by main.ts, which
 * starts the channel listeners with the same wiring.
 */
export function wireCapabilities(deps: AppDeps) {
  const { config, db, clock, events, writes } = deps;
  const assistDeps = { db, clock, companyName: deps.companyName ?? '' };
  const capabilityDeps = {
    db,
    clock,
    events,
    writes,
    // The coach reviews every reply as it is sent; wired here so conversations need not know it.
    reviewReplyOnSend: (conversationId: string, body: string, inserted: InsertedTemplate | null) =>
      reviewOnSend(assistDeps, conversationId, body, inserted),
  };
  const channelDeps = { config, db, clock, events, conversations: capabilityDeps };
  return { assistDeps, capabilityDeps, channelDeps };
}

/** TOTP secrets are sealed with the channel key; without one, no second factor can be enrolled. */
function secretSealer(keyText: string) {
  const key = parseSecretKey(keyText);
  if (!key) return null;
  return { seal: (plain: string) => encryptSecret(key, plain), open: (sealed: string) => decryptSecret(key, sealed) };
}

/** Builds the whole HTTP application without listening, so tests can `inject` or listen on port 0. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, clock, events } = deps;
  const app = Fastify({
    logger: deps.logger ?? { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  installTextPolicy(app);

  await app.register(securityHeaders, { https: config.COOKIE_SECURE });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Defuse API', version: '1', description: 'The helpdesk and CRM for difficult customers.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin' },
          session: { type: 'apiKey', in: 'cookie', name: 'defuse_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas with an id (the shared Problem) become components referenced by $ref.
    transformObject: jsonSchemaTransformObject,
  });

  const authDeps = {
    db,
    clock,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    events,
    tokenCache: rememberTokens(events),
    sealer: secretSealer(config.CHANNEL_SECRET_KEY),
  };
  const { assistDeps, capabilityDeps, channelDeps } = wireCapabilities(deps);

  await app.register(
    async (api) => {
      await api.register(authGuard, { deps: authDeps, catalog: deps.routeCatalog });
      await api.register(apiContract);
      api.get(
        '/health',
        {
          config: { public: true },
          schema: {
            tags: ['platform'],
            summary: 'Liveness and database check',
            response: { 200: z.object({ status: z.literal('ok') }) },
          },
        },
        async () => {
          await db.selectFrom('counters').select('name').limit(1).execute();
          return { status: 'ok' };
        },
      );
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes, {
        deps: authDeps,
        cookieSecure: config.COOKIE_SECURE,
        loginAttemptsPerMinute: config.LOGIN_ATTEMPTS_PER_MINUTE,
      });
      await api.register(usersRoutes, authDeps);
      await api.register(tokensRoutes, authDeps);
      await api.register(auditRoutes, db);
      await api.register(customersRoutes, capabilityDeps);
      await api.register(conversationsRoutes, capabilityDeps);
      await api.register(eventsRoutes, { bus: events, db, clock });
      await api.register(assistRoutes, assistDeps);
      await api.register(scriptsRoutes, { db, clock });
      await api.register(emailRoutes, channelDeps);
      await api.register(chatRoutes, channelDeps);
      await api.register(privacyRoutes, { db, clock, events });
    },
    { prefix: '/api/v1' },
  );
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/v1/docs',
    uiConfig: { docExpansion: 'list' },
    // Swagger UI injects <style> elements at run time; only its pages allow inline styles. Scripts stay 'self'.
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
  await serveWebApp(app, config.WEB_DIST_DIR);
  return app;
}

async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const root = resolve(distDir);
  // Files are looked up per request (wildcard), so a rebuilt web app is served without a restart.
  await app.register(fastifyStatic, { root, wildcard: true, index: false });
  const sendPage = (reply: FastifyReply) => {
    if (existsSync(resolve(root, 'index.html'))) return reply.type('text/html').sendFile('index.html');
    return reply
      .type('text/plain')
      .code(503)
      .send('The Defuse web app has not been built yet. Run `npm run build` (npm start does this for you).');
  };
  // The root is a directory to the static plugin (which refuses it): it is the app's start page.
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (isPage) return sendPage(reply);
    return sendProblem(reply, platformError('route-not-found', `There is no ${request.method} ${path} here.`));
  });
}
