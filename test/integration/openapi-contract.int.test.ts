import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { testDialects } from '../support/test-databases.ts';

interface Operation {
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}

export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

const methods = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

/** `/api/v1/customers/{id}` as the route catalogue writes it: `/api/v1/customers/:id`. */
const asRouteUrl = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

for (const dialect of testDialects)
  describe(`the OpenAPI document is a checked contract, on ${dialect}`, () => {
    let test: TestApp;
    let document: OpenApiDocument;
    beforeAll(async () => {
      test = await createTestApp(dialect);
      const response = await test.app.inject({ url: '/api/v1/openapi.json' });
      expect(response.statusCode).toBe(200);
      document = response.json() as OpenApiDocument;
    });
    afterAll(async () => test?.close());

    it('is a valid OpenAPI document by an independent validator', async () => {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(document) as unknown as Parameters<Validator['validate']>[0]);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(operationsOf(document).length).toBeGreaterThan(50);
    });

    it('documents every API route a person or integration calls', () => {
      const documented = new Set(operationsOf(document).map(({ method, path }) => `${method.toUpperCase()} ${asRouteUrl(path)}`));
      const missing = test.routeCatalog
        .filter((route) => !route.websocket && route.method !== 'OPTIONS' && !route.url.endsWith('/openapi.json'))
        .map((route) => `${route.method} ${route.url}`)
        .filter((route) => !documented.has(route));
      expect(missing).toEqual([]);
    });

    it('declares a success response with its schema for every operation', () => {
      const without: string[] = [];
      for (const { method, path, operation } of operationsOf(document)) {
        const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
        const described = successes.every(([status, response]) =>
          status === '204'
            ? response.content === undefined
            : Object.values(response.content ?? {}).some((media) => media.schema !== undefined),
        );
        if (successes.length === 0 || !described) without.push(`${method.toUpperCase()} ${path}`);
      }
      expect(without).toEqual([]);
    });

    it('declares its problems as application/problem+json with the shared Problem schema', () => {
      const wrong: string[] = [];
      for (const { method, path, operation } of operationsOf(document)) {
        const route = test.routeCatalog.find(
          (candidate) => candidate.method === method.toUpperCase() && candidate.url === asRouteUrl(path),
        );
        const expected = ['400'];
        if (route?.roles !== 'public') expected.push('401', '403');
        if (path.includes('{')) expected.push('404');
        if (['post', 'put', 'patch'].includes(method)) expected.push('413', '415');
        for (const status of expected) {
          const schema = operation.responses[status]?.content?.['application/problem+json']?.schema;
          if ((schema as { $ref?: string } | undefined)?.$ref !== '#/components/schemas/Problem') {
            wrong.push(`${method.toUpperCase()} ${path} ${status}`);
          }
        }
        for (const [status, response] of Object.entries(operation.responses)) {
          if (/^[45]/.test(status) && !response.content?.['application/problem+json']) {
            wrong.push(`${method.toUpperCase()} ${path} ${status} is not problem+json`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    it('marks exactly the public operations with security: [] and the rest with the global bearer/session scheme', () => {
      const publicByDocument = operationsOf(document)
        .filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0)
        .map(({ method, path }) => `${method.toUpperCase()} ${asRouteUrl(path)}`)
        .sort();
      const publicByRoutes = test.routeCatalog
        .filter((route) => route.roles === 'public' && !route.websocket && route.method !== 'OPTIONS')
        .filter((route) => !route.url.endsWith('/openapi.json'))
        .map((route) => `${route.method} ${route.url}`)
        .sort();
      expect(publicByDocument).toEqual(publicByRoutes);
      expect(publicByDocument).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/health']));
      const protectedOperations = operationsOf(document).filter(({ operation }) => operation.security === undefined);
      expect(protectedOperations.length).toBeGreaterThan(40);
      expect((document as unknown as { security: unknown }).security).toEqual([{ bearer: [] }, { session: [] }]);
    });
  });
