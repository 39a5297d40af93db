import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /** Only when the app is served over HTTPS (COOKIE_SECURE=true): HSTS and upgrade-insecure-requests. */
  https: boolean;
}

/**
 * One strict policy for every page we serve (the agent app, the API reference, error pages):
 * our own scripts and styles only, no inline script, nothing may frame us. `'self'` in connect-src
 * also covers ws:/wss: to this host (CSP level 3), which is all the app's realtime socket needs.
 * The widget runs under the embedding site's policy, not ours; that site must allow connect-src to
 * our https: and wss: origin (README).
 */
export function contentSecurityPolicy(https: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'upgrade-insecure-requests': https ? [] : null,
  };
}

/** Paths whose responses may be cached: the API reference and its assets, and the OpenAPI document. */
function cacheable(path: string): boolean {
  return path === '/api/v1/openapi.json' || path === '/api/v1/docs' || path.startsWith('/api/v1/docs/');
}

export const securityHeaders = fastifyPlugin(async (app: FastifyInstance, options: SecurityHeadersOptions) => {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(options.https) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '/';
    // The widget script is loaded by <script src> on the company's own site: cross-origin by design.
    if (path === '/widget.js') reply.header('cross-origin-resource-policy', 'cross-origin');
    // API answers carry personal data: never kept by a browser or a shared cache.
    if (path.startsWith('/api/') && !cacheable(path)) reply.header('cache-control', 'no-store');
    return payload;
  });
});
