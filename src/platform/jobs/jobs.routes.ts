import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type AuditAuthor, auditAuthorOf, recordAudit } from '../../audit/index.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { defineErrors } from '../errors.ts';
import { idParams, limitQuery } from '../http/schemas.ts';
import { getJob, jobStatuses, listJobs, retryJobNow } from './jobs.ts';
import { jobList, jobResponse } from './responses.ts';

export const jobError = defineErrors({
  'job-not-found': 'not-found',
  'job-not-retryable': 'conflict',
});

function authorFields(author: AuditAuthor) {
  return { actorUserId: author.userId, actorTokenId: author.tokenId ?? null, ip: author.ip ?? null };
}

/** The admin view of durable work: GET /jobs and POST /jobs/:id/retry. */
export async function jobsRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; clock: Clock; wake?: () => void }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/jobs',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['jobs'],
        summary: 'Durable jobs (outbound mail and other background work), newest first, with attempts and last error',
        querystring: z.strictObject({
          status: z.enum(jobStatuses).optional(),
          type: z.string().max(100).optional(),
          limit: limitQuery,
        }),
        response: { 200: jobList },
      },
    },
    async (request) => ({ items: await listJobs(deps.db, request.query) }),
  );
  routes.post(
    '/jobs/:id/retry',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['jobs'],
        summary: 'Run a dead or waiting job again now, with a fresh set of attempts',
        params: idParams,
        response: { 200: jobResponse },
      },
    },
    async (request) => {
      const job = await retryJobNow(deps.db, request.params.id, deps.clock.now().toISOString());
      if (!job) {
        const existing = await getJob(deps.db, request.params.id);
        if (!existing) throw jobError('job-not-found', `There is no job ${request.params.id}.`);
        throw jobError(
          'job-not-retryable',
          `Job ${request.params.id} is ${existing.status}; only dead or queued jobs are retried.`,
        );
      }
      await recordAudit(deps.db, {
        at: deps.clock.now().toISOString(),
        ...authorFields(auditAuthorOf(request)),
        action: 'job.retried',
        subjectType: 'job',
        subjectId: job.id,
        details: { type: job.type },
      });
      deps.wake?.();
      return job;
    },
  );
}
