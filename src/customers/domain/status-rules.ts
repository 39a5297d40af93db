import type { Role } from '../../auth/index.ts';
import type { CustomerStatus } from './customer.ts';

/**
 * Ending a relationship is a manager's decision; an agent may put a customer on watch (or take
 * them off it) so colleagues are warned, but never end or revive an ended relationship.
 */
export function mayChangeCustomerStatus(role: Role, from: CustomerStatus, to: CustomerStatus): boolean {
  if (from === to) return true;
  if (role === 'manager' || role === 'admin') return true;
  if (role === 'agent') return from !== 'ended' && to !== 'ended';
  return false;
}
