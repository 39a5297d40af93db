import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../platform/db/schema.ts';
import { limitQuery } from '../platform/http/schemas.ts';
import { listAudit } from './list-audit.ts';

export async function auditRoutes(app: FastifyInstance, db: Kysely<Database>): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/audit',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first',
        querystring: z.strictObject({
          action: z.string().max(100).optional(),
          subjectId: z.string().max(64).optional(),
          limit: limitQuery,
          cursor: z.string().max(64).optional(),
        }),
      },
    },
    async (request) => listAudit(db, request.query),
  );
}
