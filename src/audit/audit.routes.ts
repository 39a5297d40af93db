import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../platform/db/schema.ts';
import { isoDateTime, limitQuery } from '../platform/http/schemas.ts';
import { auditCsv } from './audit-csv.ts';
import { type AuditItem, type ListAuditInput, listAudit } from './list-audit.ts';
import { auditCsvResponse, auditPageSchema } from './responses.ts';

const filters = {
  action: z.string().max(100).optional(),
  actorId: z.string().max(64).optional(),
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(100).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
};
/** The CSV export stops here; narrow the filters for more. */
const maxCsvRows = 50_000;

/**
 * The audit log is append-only through the application: there are only these reads. No route
 * updates or deletes an entry (a test walks the route catalogue to keep it so).
 */
export async function auditRoutes(app: FastifyInstance, db: Kysely<Database>): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/audit',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary:
          'Read the audit log, newest first: filter by actor, action (`customer.*` for a family), subject and date range; keyset-paged',
        querystring: z.strictObject({ ...filters, limit: limitQuery, cursor: z.string().max(64).optional() }),
        response: { 200: auditPageSchema },
      },
    },
    async (request) => listAudit(db, request.query),
  );

  routes.get(
    '/audit.csv',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: `The audit log as CSV with the same filters (newest first, at most ${maxCsvRows} rows); cells are safe to open in a spreadsheet`,
        querystring: z.strictObject(filters),
        produces: ['text/csv'],
        response: { 200: auditCsvResponse },
      },
    },
    async (request, reply) => {
      const items: AuditItem[] = [];
      const input: ListAuditInput = { ...request.query, limit: 200 };
      for (;;) {
        const page = await listAudit(db, input);
        items.push(...page.items);
        if (!page.nextCursor || items.length >= maxCsvRows) break;
        input.cursor = page.nextCursor;
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="defuse-audit.csv"')
        .header('cache-control', 'no-store')
        .send(auditCsv(items.slice(0, maxCsvRows)));
    },
  );
}
