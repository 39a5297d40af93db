import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, staffRoles } from '../../auth/index.ts';
import { platformError } from '../../platform/errors.ts';
import { idParams, limitQuery } from '../../platform/http/schemas.ts';
import { customerStatuses, customerTiers } from '../domain/customer.ts';
import { customerFieldsSchema, customerPatchSchema, orderFieldsSchema, orderPatchSchema } from '../domain/customer-schema.ts';
import { mayChangeCustomerStatus } from '../domain/status-rules.ts';
import type { ChangeAuthor, CustomerDeps } from '../use-cases/customer-deps.ts';
import { importCustomersCsv, importOrdersCsv } from '../use-cases/import-csv.ts';
import { createOrder, getOrder, listCustomerOrders, updateOrder } from '../use-cases/manage-orders.ts';
import { createCustomer, getCustomer, updateCustomer } from '../use-cases/save-customer.ts';
import { searchCustomers } from '../use-cases/search-customers.ts';
import { customerPage, customerResponse, importReport, orderList, orderResponse } from './responses.ts';

const editors = ['agent', 'manager', 'admin'] as const;
const importers = ['manager', 'admin'] as const;

function authorOf(request: FastifyRequest): ChangeAuthor {
  const actor = requireActor(request);
  return { userId: actor.userId, tokenId: actor.tokenId, ip: request.ip };
}

export async function customersRoutes(app: FastifyInstance, deps: CustomerDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  // CSV imports arrive as text/csv; keep the body as a string for the importer.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  routes.get(
    '/customers',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['customers'],
        summary: 'Search customers by name, e-mail, phone or external id',
        response: { 200: customerPage },
        querystring: z.strictObject({
          query: z.string().max(200).optional(),
          status: z.enum(customerStatuses).optional(),
          tier: z.enum(customerTiers).optional(),
          limit: limitQuery,
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (request) => searchCustomers(deps, request.query),
  );

  routes.get(
    '/customers/:id',
    {
      config: { roles: staffRoles },
      schema: { tags: ['customers'], summary: 'One customer', params: idParams, response: { 200: customerResponse } },
    },
    async (request) => getCustomer(deps, request.params.id),
  );

  routes.post(
    '/customers',
    {
      config: { roles: editors },
      schema: {
        tags: ['customers'],
        summary: 'Create a customer',
        body: customerFieldsSchema,
        response: { 201: customerResponse },
      },
    },
    async (request, reply) => {
      if (request.body.status === 'ended' && !mayChangeCustomerStatus(requireActor(request).role, 'active', 'ended')) {
        throw platformError('role-not-allowed', 'Only a manager can create a customer whose relationship has ended.');
      }
      return reply.code(201).send(await createCustomer(deps, request.body, authorOf(request)));
    },
  );

  routes.patch(
    '/customers/:id',
    {
      config: { roles: editors },
      schema: {
        tags: ['customers'],
        summary: 'Change a customer (every change is audited with before and after values)',
        params: idParams,
        body: customerPatchSchema,
        response: { 200: customerResponse },
      },
    },
    async (request) => {
      if (request.body.status) {
        const current = await getCustomer(deps, request.params.id);
        if (!mayChangeCustomerStatus(requireActor(request).role, current.status, request.body.status)) {
          throw platformError('role-not-allowed', 'Only a manager can end a relationship or revive an ended one.');
        }
      }
      return updateCustomer(deps, authorOf(request), request.params.id, request.body);
    },
  );

  routes.get(
    '/customers/:id/orders',
    {
      config: { roles: staffRoles },
      schema: { tags: ['orders'], summary: "A customer's orders, newest first", params: idParams, response: { 200: orderList } },
    },
    async (request) => {
      await getCustomer(deps, request.params.id);
      return { items: await listCustomerOrders(deps, request.params.id) };
    },
  );

  routes.post(
    '/customers/import',
    {
      config: { roles: importers },
      schema: {
        tags: ['customers'],
        summary: 'Import customers from CSV (text/csv); bad rows are reported, good rows kept',
        response: { 200: importReport },
        consumes: ['text/csv'],
      },
    },
    async (request) => importCustomersCsv(deps, authorOf(request), typeof request.body === 'string' ? request.body : ''),
  );

  routes.post(
    '/orders',
    {
      config: { roles: editors },
      schema: { tags: ['orders'], summary: 'Record an order', body: orderFieldsSchema, response: { 201: orderResponse } },
    },
    async (request, reply) => reply.code(201).send(await createOrder(deps, request.body, authorOf(request))),
  );

  routes.get(
    '/orders/:id',
    {
      config: { roles: staffRoles },
      schema: { tags: ['orders'], summary: 'One order', params: idParams, response: { 200: orderResponse } },
    },
    async (request) => getOrder(deps, request.params.id),
  );

  routes.patch(
    '/orders/:id',
    {
      config: { roles: editors },
      schema: {
        tags: ['orders'],
        summary: 'Change an order',
        params: idParams,
        body: orderPatchSchema,
        response: { 200: orderResponse },
      },
    },
    async (request) => updateOrder(deps, request.params.id, request.body, authorOf(request)),
  );

  routes.post(
    '/orders/import',
    {
      config: { roles: importers },
      schema: {
        tags: ['orders'],
        summary: 'Import orders from CSV (text/csv)',
        consumes: ['text/csv'],
        response: { 200: importReport },
      },
    },
    async (request) => importOrdersCsv(deps, authorOf(request), typeof request.body === 'string' ? request.body : ''),
  );
}
