import { type Kysely, PostgresAdapter } from 'kysely';
import { type AuditAction, recordAudit } from '../../audit/index.ts';
import { getCustomer } from '../../customers/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { eraseCustomerData } from '../db/anonymise-rows.ts';
import { privacyError } from '../domain/privacy-errors.ts';
import type { PrivacyActor, PrivacyDeps } from './privacy-deps.ts';

export const erasureStatuses = ['pending', 'approved', 'rejected'] as const;
export type ErasureStatus = (typeof erasureStatuses)[number];

export interface ErasureRequest {
  id: string;
  customerId: string;
  /** The customer's name now (the erased name once approved). */
  customerName: string;
  reason: string;
  status: ErasureStatus;
  requestedBy: { id: string; name: string };
  requestedAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

const audit = (action: string) => action as AuditAction;

function requestQuery(db: Kysely<Database>) {
  return db
    .selectFrom('erasure_requests')
    .innerJoin('customers', 'customers.id', 'erasure_requests.customer_id')
    .innerJoin('users as requester', 'requester.id', 'erasure_requests.requested_by')
    .leftJoin('users as decider', 'decider.id', 'erasure_requests.decided_by')
    .select([
      'erasure_requests.id',
      'erasure_requests.customer_id',
      'customers.name as customer_name',
      'erasure_requests.reason',
      'erasure_requests.status',
      'erasure_requests.requested_by',
      'requester.name as requester_name',
      'erasure_requests.requested_at',
      'erasure_requests.decided_by',
      'decider.name as decider_name',
      'erasure_requests.decided_at',
      'erasure_requests.decision_note',
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function fromRow(row: RequestRow): ErasureRequest {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    reason: row.reason,
    status: row.status as ErasureStatus,
    requestedBy: { id: row.requested_by, name: row.requester_name },
    requestedAt: row.requested_at,
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decider_name ?? '' } : null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
  };
}

export async function getErasureRequest(db: Kysely<Database>, id: string): Promise<ErasureRequest> {
  const row = await requestQuery(db).where('erasure_requests.id', '=', id).executeTakeFirst();
  if (!row) throw privacyError('erasure-request-not-found', `There is no erasure request ${id}.`);
  return fromRow(row);
}

export async function listErasureRequests(
  db: Kysely<Database>,
  input: { status?: ErasureStatus | undefined; limit: number },
): Promise<ErasureRequest[]> {
  const rows = await requestQuery(db)
    .$if(input.status !== undefined, (query) => query.where('erasure_requests.status', '=', input.status as ErasureStatus))
    .orderBy('erasure_requests.requested_at', 'desc')
    .orderBy('erasure_requests.id', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map(fromRow);
}

/** A manager or admin proposes erasing a customer; nothing changes until another one approves. */
export async function proposeErasure(
  deps: PrivacyDeps,
  actor: PrivacyActor,
  customerId: string,
  reason: string,
): Promise<ErasureRequest> {
  await getCustomer(deps, customerId);
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    // Two proposals for one customer at the same moment: PostgreSQL serialises them on the customer
    // row (SQLite has one writer already), so the second sees the first and is refused.
    if (transaction.getExecutor().adapter instanceof PostgresAdapter) {
      await transaction.selectFrom('customers').select('id').where('id', '=', customerId).forUpdate().execute();
    }
    const earlier = await transaction
      .selectFrom('erasure_requests')
      .select(['status'])
      .where('customer_id', '=', customerId)
      .where('status', 'in', ['pending', 'approved'])
      .execute();
    if (earlier.some((row) => row.status === 'approved')) {
      throw privacyError('customer-already-erased', 'This customer has already been erased.');
    }
    if (earlier.length > 0) {
      throw privacyError('erasure-already-pending', 'An erasure request for this customer is already waiting for approval.');
    }
    await transaction
      .insertInto('erasure_requests')
      .values({
        id,
        customer_id: customerId,
        reason,
        status: 'pending',
        requested_by: actor.userId,
        requested_at: now,
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: audit('erasure.requested'),
      subjectType: 'customer',
      subjectId: customerId,
      details: { requestId: id, reason },
      ip: actor.ip,
    });
  });
  return getErasureRequest(deps.db, id);
}

/**
 * Approves (and carries out) or rejects a pending request. The proposer cannot decide their own
 * request: erasure cannot be undone, so it takes two people. The audit entries name the request,
 * never the erased values.
 */
export async function decideErasure(
  deps: PrivacyDeps,
  actor: PrivacyActor,
  requestId: string,
  decision: 'approved' | 'rejected',
  note: string | null,
): Promise<ErasureRequest> {
  const now = deps.clock.now().toISOString();
  const request = await getErasureRequest(deps.db, requestId);
  if (request.requestedBy.id === actor.userId) {
    throw privacyError(
      'erasure-self-approval',
      'You proposed this erasure; a different manager or admin has to approve or reject it.',
    );
  }
  await deps.db.transaction().execute(async (transaction) => {
    // Only a pending request moves, once: two deciders at the same moment cannot both act.
    const moved = await transaction
      .updateTable('erasure_requests')
      .set({ status: decision, decided_by: actor.userId, decided_at: now, decision_note: note })
      .where('id', '=', requestId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) {
      throw privacyError('erasure-already-decided', `This request was already ${request.status}.`);
    }
    const details: Record<string, unknown> = { requestId, requestedBy: request.requestedBy.id };
    if (decision === 'approved') {
      const outcome = await eraseCustomerData(transaction, request.customerId, now);
      details.conversations = outcome.conversations;
      details.contactsRemoved = outcome.contacts;
    } else if (note) {
      details.note = note;
    }
    await recordAudit(transaction, {
      at: now,
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId,
      action: audit(decision === 'approved' ? 'erasure.approved' : 'erasure.rejected'),
      subjectType: 'customer',
      subjectId: request.customerId,
      details,
      ip: actor.ip,
    });
  });
  if (decision === 'approved') {
    const customer = await getCustomer(deps, request.customerId);
    await deps.events.publish({ type: 'customer.updated', customerId: customer.id, customer });
  }
  return getErasureRequest(deps.db, requestId);
}
