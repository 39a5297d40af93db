import { z } from 'zod';
import { instant } from '../http/schemas.ts';
import { jobStatuses } from './jobs.ts';

export const jobResponse = z
  .object({
    id: z.string(),
    type: z.string(),
    payload: z.any().describe('What the job works on; its shape depends on the type'),
    status: z.enum(jobStatuses),
    dedupeKey: z.string().nullable(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: instant,
    lockedUntil: instant.nullable(),
    lastError: z.string().nullable(),
    createdAt: instant,
    updatedAt: instant,
    finishedAt: instant.nullable(),
  })
  .meta({ id: 'Job' });

export const jobList = z.object({ items: z.array(jobResponse) });
