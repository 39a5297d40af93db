import { z } from 'zod';

/** The audit log's answers, as documented in the OpenAPI document and serialised through these schemas. */
const change = z.object({ from: z.unknown(), to: z.unknown() }).meta({ description: 'A field before and after the change' });

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().describe('ISO-8601 instant'),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    tokenId: z.string().nullable().describe('Set when the change was made with an API token of the actor'),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string().nullable(),
    subjectLabel: z.string().nullable().describe('The subject named as a person reads it, resolved when read'),
    changes: z.record(z.string(), change).describe('Before and after per field path; credentials only as set / not set'),
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });

export const auditCsvResponse = {
  description: 'The matching entries as CSV (a download), header row first; cells are safe to open in a spreadsheet',
  content: { 'text/csv': { schema: z.string() } },
};
