import { recordAudit } from '../../audit/index.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { normalizeEmailAddress } from '../domain/contacts.ts';
import { customerFromCsv, orderFromCsv, type RejectedRow, readCsv } from '../domain/csv-rows.ts';
import type { ChangeAuthor, CustomerDeps } from './customer-deps.ts';
import { createOrder } from './manage-orders.ts';
import { createCustomer, updateCustomer } from './save-customer.ts';

export interface ImportReport {
  imported: number;
  updated: number;
  rejected: RejectedRow[];
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function findCustomerId(deps: CustomerDeps, externalId: string | null | undefined, email: string | undefined) {
  if (externalId) {
    const row = await deps.db.selectFrom('customers').select('id').where('external_id', '=', externalId).executeTakeFirst();
    if (row) return row.id;
  }
  if (email) {
    const row = await deps.db
      .selectFrom('customer_contacts')
      .select('customer_id')
      .where('kind', '=', 'email')
      .where('value', '=', normalizeEmailAddress(email))
      .executeTakeFirst();
    if (row) return row.customer_id;
  }
  return null;
}

/**
 * Each good row is saved on its own, so one bad row never costs the others. A row whose
 * external id or first e-mail matches an existing customer updates that customer.
 */
export async function importCustomersCsv(deps: CustomerDeps, author: ChangeAuthor, csv: string): Promise<ImportReport> {
  const records = readCsv(csv);
  const report: ImportReport = { imported: 0, updated: 0, rejected: [] };
  for (const [index, record] of records.entries()) {
    const row = index + 2;
    const parsed = customerFromCsv(record);
    if ('reason' in parsed) {
      report.rejected.push({ row, reason: parsed.reason });
      continue;
    }
    try {
      const existingId = await findCustomerId(deps, parsed.fields.externalId, parsed.fields.emails[0]);
      if (existingId) {
        const patch = Object.fromEntries(parsed.provided.map((key) => [key, parsed.fields[key]]));
        await updateCustomer(deps, author, existingId, patch);
        report.updated += 1;
      } else {
        await createCustomer(deps, parsed.fields, author);
        report.imported += 1;
      }
    } catch (error) {
      report.rejected.push({ row, reason: reasonOf(error) });
    }
  }
  await recordAudit(deps.db, {
    at: deps.clock.now().toISOString(),
    actorUserId: author.userId,
    actorTokenId: author.tokenId,
    action: 'customer.imported',
    subjectType: 'customer',
    subjectId: null,
    details: { imported: report.imported, updated: report.updated, rejected: report.rejected.length },
    ip: author.ip,
  });
  return report;
}

export async function importOrdersCsv(deps: CustomerDeps, author: ChangeAuthor, csv: string): Promise<ImportReport> {
  const records = readCsv(csv);
  const report: ImportReport = { imported: 0, updated: 0, rejected: [] };
  for (const [index, record] of records.entries()) {
    const row = index + 2;
    const parsed = orderFromCsv(record);
    if ('reason' in parsed) {
      report.rejected.push({ row, reason: parsed.reason });
      continue;
    }
    const customerId = await findCustomerId(deps, parsed.customerExternalId, parsed.customerEmail);
    if (!customerId) {
      report.rejected.push({ row, reason: 'no customer matches customer_external_id or customer_email' });
      continue;
    }
    try {
      await createOrder(deps, { ...parsed.fields, customerId }, author);
      report.imported += 1;
    } catch (error) {
      report.rejected.push({ row, reason: isUniqueViolation(error) ? 'reference already exists' : reasonOf(error) });
    }
  }
  await recordAudit(deps.db, {
    at: deps.clock.now().toISOString(),
    actorUserId: author.userId,
    actorTokenId: author.tokenId,
    action: 'order.imported',
    subjectType: 'order',
    subjectId: null,
    details: { imported: report.imported, rejected: report.rejected.length },
    ip: author.ip,
  });
  return report;
}
