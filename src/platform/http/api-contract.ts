import type { FastifyInstance, RouteOptions } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { z } from 'zod';

/** RFC 9457 problem details, as every error leaves the API (see problem-handler.ts). */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('A relative URI naming the error code, e.g. /problems/customer-not-found'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'An error, as application/problem+json (RFC 9457)' });

export const problemMediaType = 'application/problem+json';

const problemDescriptions: Record<number, string> = {
  400: 'The request is not valid (each field named in `errors`)',
  401: 'Not signed in, or the token is unknown, revoked or expired',
  403: 'The role may not do this, or the CSRF header is missing',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'The body is larger than this server accepts',
  415: 'This content type is not accepted here',
  429: 'Too many requests; wait and try again',
};

function problemResponse(status: number) {
  return { description: problemDescriptions[status], content: { [problemMediaType]: { schema: problemSchema } } };
}

/** Which problems an operation can answer with, from what it is: public or not, with path ids, with a body. */
export function problemStatusesFor(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): number[] {
  const methods = [route.method].flat().map((method) => method.toUpperCase());
  const config = (route.config ?? {}) as { public?: boolean; rateLimit?: unknown };
  const changes = methods.some((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method));
  const hasBody = methods.some((method) => ['POST', 'PUT', 'PATCH'].includes(method));
  const statuses = [400];
  // Public operations that take credentials (sign-in, the widget's session token) refuse bad ones too.
  if (!config.public || changes) statuses.push(401, 403);
  if (route.url.includes(':')) statuses.push(404);
  if (changes) statuses.push(409);
  if (hasBody) statuses.push(413, 415);
  if (config.rateLimit || (config.public && changes)) statuses.push(429);
  return statuses;
}

/**
 * The contract every /api operation states in the OpenAPI document: its problem responses as
 * application/problem+json (shared `Problem` schema), and `security: []` when it is public.
 * Each route declares its own success responses; this adds what is common.
 */
export const apiContract = fastifyPlugin(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    route.schema ??= {};
    const schema = route.schema as { response?: Record<string, unknown>; security?: unknown[] };
    const response: Record<string, unknown> = {};
    for (const status of problemStatusesFor(route)) response[status] = problemResponse(status);
    schema.response = { ...response, ...schema.response };
    if ((route.config as { public?: boolean } | undefined)?.public) schema.security = [];
  });
});
