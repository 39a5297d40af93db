import type { AuditAction } from '../../audit/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { type Customer, getCustomer, listCustomerOrders, type Order } from '../../customers/index.ts';
import { type CustomerRelated, loadCustomerRelated } from '../db/customer-data.ts';
import type { PrivacyActor, PrivacyDeps } from './privacy-deps.ts';

export interface CustomerExport extends CustomerRelated {
  format: 'defuse-customer-export.v1';
  exportedAt: string;
  customer: Customer;
  /** True once an erasure was approved: what follows is the anonymised record. */
  erased: boolean;
  orders: Order[];
}

/**
 * Everything Defuse holds about one customer, as one document (attachments listed, never their
 * bytes). The export itself is audited: who exported whom, and in which form.
 */
export async function exportCustomer(
  deps: PrivacyDeps,
  actor: PrivacyActor,
  customerId: string,
  format: 'json' | 'html',
): Promise<CustomerExport> {
  const customer = await getCustomer(deps, customerId);
  const orders = await listCustomerOrders(deps, customerId);
  const related = await loadCustomerRelated(deps.db, customerId, customer.emails);
  const now = deps.clock.now().toISOString();
  await recordAudit(deps.db, {
    at: now,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    action: 'customer.exported' as string as AuditAction,
    subjectType: 'customer',
    subjectId: customerId,
    details: { format },
    ip: actor.ip,
  });
  return {
    format: 'defuse-customer-export.v1',
    exportedAt: now,
    customer,
    erased: related.erasureRequests.some((request) => request.status === 'approved'),
    orders,
    ...related,
  };
}
