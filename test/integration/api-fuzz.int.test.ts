import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../src/auth/index.ts';
import { createTestApp, type SignedIn, type TestApp } from '../support/test-app.ts';
import { testDialects } from '../support/test-databases.ts';

/**
 * A schema-aware fuzzer: for every operation in the OpenAPI document, inputs generated from its
 * own request schema (valid, boundary, wrong types, missing and unknown fields, huge strings,
 * unicode with NUL and lone surrogates, bad ids), sent as every role and anonymously, on both
 * databases. Nothing may answer 5xx, every error is problem+json, and every success matches the
 * schema the document declares for it. Deterministic (seeded), so a failure reproduces.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON schemas from the document are walked generically
type Schema = Record<string, any>;
interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Input {
  label: string;
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  contentType?: string;
  rawBody?: string;
}

const inputsPerOperation = 32;
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Operations the fuzzer must not run with a valid input, because they would take away its own
 * footing for the rest of the run (its sessions, its password, a required second factor). Each is
 * still fuzzed, with its valid inputs left out; their effects are tested in their own suites.
 */
const selfHarming = new Set([
  'POST /api/v1/auth/logout',
  'DELETE /api/v1/auth/sessions',
  'DELETE /api/v1/auth/sessions/{id}',
  'POST /api/v1/auth/password',
  'PUT /api/v1/auth/settings',
  'POST /api/v1/auth/two-factor/enrolment',
  'PATCH /api/v1/users/{id}',
]);

/** A small seeded PRNG (mulberry32): the same inputs every run. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => Math.floor(next() * (max - min + 1)) + min,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
type Random = ReturnType<typeof random>;

const nastyStrings = [
  '',
  ' ',
  'x'.repeat(100_000),
  'Ünïcödé 🚀 ∑ 中文 עברית',
  'nul\u0000byte',
  'lone \ud800 surrogate',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%ZZ',
  '\u202eRTL override',
  'a\r\nX-Injected: yes',
  '0',
  '-1',
  '1e309',
  'null',
  'true',
];
const badIds = ['x', '0', 'a'.repeat(65), '00000000-0000-7000-8000-000000000000', 'Ünï 🚀', '..', '%00', 'null', '-1'];

/** A value that fits the schema, sometimes at its edges. */
function validValue(schema: Schema, rng: Random, depth = 0): unknown {
  if (schema.enum) return rng.pick(schema.enum as unknown[]);
  if (schema.const !== undefined) return schema.const;
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return validValue(rng.pick(variants), rng, depth);
  if (schema.allOf) return validValue(Object.assign({}, ...(schema.allOf as Schema[])), rng, depth);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type as string[]) : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'email') return `fuzz${rng.int(1, 99999)}@example.com`;
      if (schema.format === 'date-time') return new Date(Date.UTC(2026, 10, rng.int(1, 28), rng.int(0, 23))).toISOString();
      if (schema.pattern === '^#[0-9a-fA-F]{6}$') return '#1f6feb';
      if (schema.pattern === '^[A-Z]{3}$') return rng.pick(['EUR', 'RON', 'USD']);
      if (schema.pattern === '^[A-Z]{2}$') return rng.pick(['RO', 'DE', 'US']);
      if (schema.pattern === '^\\d{6}$') return String(rng.int(100000, 999999));
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, 60);
      const length = rng.next() < 0.2 ? Math.max(min, max) : rng.int(Math.max(min, 1), Math.max(min, Math.min(max, 12)));
      return 'fuzz-value-abcdefghijklmnopqrstuvwxyz-0123456789-ABCDEFGHIJKLMNOP'.repeat(2).slice(0, length).padEnd(min, 'y');
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = Math.min(schema.maximum ?? 1000, min + 100_000);
      return rng.pick([min, max, rng.int(min, max)]);
    }
    case 'boolean':
      return rng.next() < 0.5;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, depth > 2 ? 0 : rng.int(0, 2));
      return Array.from({ length: count }, () => validValue(schema.items ?? {}, rng, depth + 1));
    }
    case 'null':
      return null;
    default: {
      if (type !== 'object' && !schema.properties) return 'fuzz';
      const result: Record<string, unknown> = {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        if (required.has(key) || (depth < 3 && rng.next() < 0.5)) result[key] = validValue(property, rng, depth + 1);
      }
      return result;
    }
  }
}

/** A value of the wrong kind for the schema. */
function wrongValue(schema: Schema, rng: Random): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const candidates: unknown[] = [null, 12345, -1, 1.5, true, 'a string', [], {}, ['x'], { nested: { deep: 1 } }, 2 ** 53 + 1];
  return rng.pick(
    candidates.filter((candidate) => {
      if (type === 'string') return typeof candidate !== 'string';
      if (type === 'integer' || type === 'number') return typeof candidate !== 'number' || candidate === 1.5;
      if (type === 'boolean') return typeof candidate !== 'boolean';
      if (type === 'array') return !Array.isArray(candidate);
      if (type === 'object') return typeof candidate !== 'object' || Array.isArray(candidate) || candidate === null;
      return true;
    }),
  );
}

/** Mutations of a valid body: one field missing, of the wrong type, at or over its bounds, hostile text. */
function bodyMutations(schema: Schema, rng: Random): Array<{ label: string; body: unknown }> {
  const valid = validValue(schema, rng) as Record<string, unknown>;
  const mutations: Array<{ label: string; body: unknown }> = [
    { label: 'empty object', body: {} },
    { label: 'array instead of object', body: [valid] },
    { label: 'null body', body: null },
    { label: 'a string body', body: 'just text' },
    { label: 'unknown field', body: { ...valid, unexpectedField: 'surprise' } },
    {
      label: 'prototype keys',
      body: Object.assign(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{}}}'), valid),
    },
  ];
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const { [key]: _removed, ...without } = valid;
    mutations.push({ label: `${key} missing`, body: without });
    mutations.push({ label: `${key} wrong type`, body: { ...valid, [key]: wrongValue(property, rng) } });
    mutations.push({ label: `${key} hostile text`, body: { ...valid, [key]: rng.pick(nastyStrings) } });
    if (property.maxLength !== undefined) {
      mutations.push({ label: `${key} one over maxLength`, body: { ...valid, [key]: 'z'.repeat(property.maxLength + 1) } });
    }
    if (property.maximum !== undefined)
      mutations.push({ label: `${key} over maximum`, body: { ...valid, [key]: property.maximum + 1 } });
    if (property.minimum !== undefined)
      mutations.push({ label: `${key} under minimum`, body: { ...valid, [key]: property.minimum - 1 } });
  }
  return mutations;
}

/** Percent-encodes, sending a lone surrogate as the invalid UTF-8 it would be on the wire. */
function encode(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\u0001')).replaceAll('%01', '%ED%A0%80');
}

function queryString(query: Record<string, string>): string {
  const entries = Object.entries(query);
  return entries.length === 0 ? '' : `?${entries.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')}`;
}

/** Every input for one operation: valid ones first (with real ids), then mutations, then random hostile ones. */
function inputsFor(key: string, operation: Operation, ids: (name: string, path: string) => string[], rng: Random): Input[] {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const bodySchema = media?.schema;
  const realPath = () =>
    Object.fromEntries(pathParameters.map((parameter) => [parameter.name, rng.pick(ids(parameter.name, key))]));
  const validQuery = () =>
    Object.fromEntries(
      queryParameters
        .filter((parameter) => parameter.required || rng.next() < 0.5)
        .map((parameter) => [parameter.name, String(validValue(parameter.schema, rng))]),
    );
  const validBody = () => (bodySchema ? validValue(bodySchema, rng) : undefined);
  const inputs: Input[] = [];
  const harmless = !selfHarming.has(key);
  if (harmless) {
    for (let index = 0; index < 4; index += 1) {
      inputs.push({ label: `valid #${index}`, path: realPath(), query: validQuery(), body: validBody() });
    }
  }
  if (bodySchema && mediaType === 'application/json') {
    for (const mutation of bodyMutations(bodySchema, rng)) {
      inputs.push({ label: mutation.label, path: realPath(), query: validQuery(), body: mutation.body });
    }
  }
  if (!key.startsWith('GET ')) {
    inputs.push({
      label: 'malformed JSON',
      path: realPath(),
      query: {},
      rawBody: '{"unterminated": ',
      contentType: 'application/json',
    });
    inputs.push({ label: 'wrong content type', path: realPath(), query: {}, rawBody: '<a/>', contentType: 'application/xml' });
  }
  if (key.endsWith('/import')) {
    inputs.push({ label: 'csv header only', path: {}, query: {}, rawBody: 'name,email\n', contentType: 'text/csv' });
    inputs.push({
      label: 'csv hostile rows',
      path: {},
      query: {},
      rawBody: `name,email\n"=cmd|' /C calc'!A0",x\n${'ü'.repeat(500)},@\n`,
      contentType: 'text/csv',
    });
    inputs.push({ label: 'csv garbage', path: {}, query: {}, rawBody: '"unterminated,\n\u0000', contentType: 'text/csv' });
  }
  for (const parameter of pathParameters) {
    for (const bad of badIds)
      inputs.push({
        label: `${parameter.name}=${bad.slice(0, 12)}`,
        path: { ...realPath(), [parameter.name]: bad },
        query: {},
        body: validBody(),
      });
  }
  for (const parameter of queryParameters) {
    inputs.push({
      label: `${parameter.name} wrong`,
      path: realPath(),
      query: { [parameter.name]: String(rng.pick(nastyStrings)).slice(0, 2000) },
      body: validBody(),
    });
    if (parameter.schema.maximum !== undefined) {
      inputs.push({
        label: `${parameter.name} over max`,
        path: realPath(),
        query: { [parameter.name]: String(parameter.schema.maximum + 1) },
      });
    }
  }
  inputs.push({
    label: 'unknown query parameter',
    path: realPath(),
    query: { ...validQuery(), surprise: '1' },
    body: validBody(),
  });
  while (harmless && inputs.length < inputsPerOperation) {
    const body = bodySchema ? (rng.next() < 0.5 ? validBody() : bodyMutations(bodySchema, rng)[rng.int(0, 5)]?.body) : undefined;
    inputs.push({
      label: `random #${inputs.length}`,
      path:
        rng.next() < 0.7 ? realPath() : Object.fromEntries(pathParameters.map((parameter) => [parameter.name, rng.pick(badIds)])),
      query: validQuery(),
      body,
    });
  }
  if (harmless) return inputs;
  // Self-harming operations get only inputs that cannot be valid: unparseable or mistyped bodies, unknown ids.
  const invalid = new Set(['malformed JSON', 'wrong content type', 'array instead of object', 'null body', 'a string body']);
  return inputs.filter(
    (input) =>
      invalid.has(input.label) ||
      input.label.endsWith(' wrong type') ||
      (input.label.includes('=') && !input.label.startsWith('id=0000')),
  );
}

/** A small JSON-schema checker for what the document uses (types, nullable, enums, objects, arrays, unions). */
function matches(schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.nullable && value === null) return [];
  if (schema.enum) return (schema.enum as unknown[]).includes(value) ? [] : [`${at}: ${JSON.stringify(value)} not in enum`];
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return variants.some((variant) => matches(variant, value, at).length === 0) ? [] : [`${at}: matches no variant`];
  if (schema.allOf) return (schema.allOf as Schema[]).flatMap((part) => matches(part, value, at));
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length === 0) return [];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const fits = types.some(
    (type: string) =>
      type === kind || (type === 'integer' && Number.isInteger(value)) || (type === 'number' && kind === 'number'),
  );
  if (!fits) return [`${at}: expected ${types.join('|')}, got ${kind}`];
  if (kind === 'array')
    return (value as unknown[]).flatMap((item, index) => matches(schema.items ?? {}, item, `${at}[${index}]`));
  if (kind === 'object') {
    const record = value as Record<string, unknown>;
    const problems = ((schema.required as string[] | undefined) ?? [])
      .filter((key) => !(key in record))
      .map((key) => `${at}.${key}: missing`);
    for (const [key, item] of Object.entries(record)) {
      const property = (schema.properties as Record<string, Schema> | undefined)?.[key];
      if (property) problems.push(...matches(property, item, `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${key}: not declared`);
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...matches(schema.additionalProperties, item, `${at}.${key}`));
    }
    return problems;
  }
  return [];
}

for (const dialect of testDialects)
  describe(`the API holds under schema-aware fuzzing as every role, on ${dialect}`, () => {
    let test: TestApp;
    const sessions = {} as Record<(typeof roles)[number], SignedIn>;
    let operations: Array<{ key: string; method: string; path: string; operation: Operation }> = [];
    const realIds: Record<string, string[]> = {};

    beforeAll(async () => {
      test = await createTestApp(dialect);
      for (const role of roles) sessions[role] = await test.signIn(role);
      const admin = sessions.admin.headers;
      // Real objects, so valid inputs reach real rows, not only "not found".
      const inbound = await test.app.inject({
        method: 'POST',
        url: '/api/v1/inbound',
        headers: admin,
        payload: {
          channel: 'chat',
          from: { email: 'fuzz-target@example.com', name: 'Fuzz Target' },
          body: 'My order never came and I am furious.',
        },
      });
      const conversation = inbound.json() as { conversation: { id: string; customer: { id: string } }; message: { id: string } };
      const order = await test.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: admin,
        payload: {
          customerId: conversation.conversation.customer.id,
          reference: 'FUZZ-1',
          amount: { amountMinor: 1000, currency: 'EUR' },
          status: 'paid',
          orderedAt: '2026-11-20T10:00:00.000Z',
        },
      });
      const token = await test.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin,
        payload: { name: 'fuzz', role: 'agent' },
      });
      realIds.customers = [conversation.conversation.customer.id];
      realIds.conversations = [conversation.conversation.id];
      realIds.messages = [conversation.message.id];
      realIds.orders = [order.json().id];
      realIds.tokens = [token.json().token.id];
      realIds.users = [test.users.agent.id];

      const raw = (await test.app.inject({ url: '/api/v1/openapi.json' })).json();
      const validator = new Validator();
      const result = await validator.validate(raw);
      expect(result.valid).toBe(true);
      // Every $ref resolved, so request and response schemas can be walked directly.
      const document = validator.resolveRefs() as { paths: Record<string, Record<string, Operation>> };
      operations = Object.entries(document.paths).flatMap(([path, item]) =>
        methods
          .filter((method) => item[method])
          .map((method) => ({ key: `${method.toUpperCase()} ${path}`, method, path, operation: item[method] as Operation })),
      );
    });
    afterAll(async () => test?.close());

    /** Ids for a path parameter: real ones where the path names their collection, else plausible ones. */
    const idsFor = (name: string, key: string): string[] => {
      if (name === 'key') return ['apology-delay', 'fuzz-script', 'no-such-script'];
      if (name === 'country') return ['RO', 'DE', 'ZZ'];
      const collection = /\/api\/v1\/([a-z-]+)\/\{/.exec(key)?.[1] ?? '';
      return [...(realIds[collection] ?? []), '00000000-0000-7000-8000-000000000000'];
    };

    it('answers every generated input without a 5xx, errors as problem+json, successes as declared', async () => {
      const failures: string[] = [];
      const undeclared = new Set<string>();
      let sent = 0;
      let successes = 0;
      const rng = random(20261201);
      expect(operations.length).toBeGreaterThan(60);
      for (const { key, method, path, operation } of operations) {
        const inputs = inputsFor(key, operation, idsFor, rng);
        expect(inputs.length, key).toBeGreaterThanOrEqual(selfHarming.has(key) ? 1 : inputsPerOperation);
        for (const who of [...roles, 'anonymous'] as const) {
          const headers = who === 'anonymous' ? {} : sessions[who].headers;
          for (const input of inputs) {
            let url = path;
            for (const [name, value] of Object.entries(input.path)) url = url.replace(`{${name}}`, encode(value));
            const hasBody = method !== 'get' && method !== 'delete';
            let payload: string | undefined;
            let contentType: string | undefined;
            if (hasBody && input.rawBody !== undefined) [payload, contentType] = [input.rawBody, input.contentType];
            else if (hasBody && input.body !== undefined)
              [payload, contentType] = [JSON.stringify(input.body), 'application/json'];
            const response = await test.app.inject({
              method: method.toUpperCase() as 'GET',
              url: url + queryString(input.query),
              headers: contentType ? { ...headers, 'content-type': contentType } : headers,
              payload,
            });
            sent += 1;
            const label = `${who} ${key} [${input.label}] -> ${response.statusCode}`;
            const type = String(response.headers['content-type'] ?? '');
            if (response.statusCode >= 500) failures.push(`${label}: ${response.body.slice(0, 300)}`);
            else if (response.statusCode >= 400) {
              const problem = type.includes('application/problem+json')
                ? (response.json() as { status?: number; code?: string })
                : null;
              if (!problem || problem.status !== response.statusCode || !problem.code)
                failures.push(`${label}: not a problem (${type}) ${response.body.slice(0, 200)}`);
              else if (!operation.responses[String(response.statusCode)])
                undeclared.add(`${key} ${response.statusCode} ${problem.code}`);
            } else if (response.statusCode >= 200 && response.statusCode < 300) {
              successes += 1;
              const declared = operation.responses[String(response.statusCode)];
              if (!declared) failures.push(`${label}: ${response.statusCode} is not declared`);
              else if (response.statusCode !== 204 && type.includes('application/json')) {
                const schema = declared.content?.['application/json']?.schema;
                const problems = schema ? matches(schema, response.json()) : ['no schema'];
                if (problems.length > 0)
                  failures.push(`${label}: body does not match its schema: ${problems.slice(0, 3).join('; ')}`);
              }
            }
            if (failures.length > 40) break;
          }
        }
      }
      expect(failures).toEqual([]);
      expect([...undeclared].sort()).toEqual([]);
      // The fuzzer reached real work, not only refusals.
      expect(successes).toBeGreaterThan(300);
      expect(sent).toBeGreaterThan(operations.length * inputsPerOperation * 4);
    }, 240_000);
  });
