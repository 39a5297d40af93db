import type { UsersTable } from '../../platform/db/schema.ts';
import type { Money } from '../../platform/money.ts';
import { isRole, type Role } from './roles.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  approvalLimit: Money;
  active: boolean;
  createdAt: string;
  lastSignInAt: string | null;
  twoFactorEnabled: boolean;
}

export function userFromRow(row: UsersTable): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'agent',
    approvalLimit: { amountMinor: Number(row.approval_limit_minor), currency: row.approval_limit_currency },
    active: row.deactivated_at === null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    twoFactorEnabled: row.totp_secret !== null,
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
