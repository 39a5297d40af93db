import type { Role } from './roles.ts';

export interface AuthSettings {
  /** Admins and managers must use a second factor to sign in. */
  requireTwoFactorForPrivileged: boolean;
  updatedAt: string | null;
}

export const defaultAuthSettings: AuthSettings = { requireTwoFactorForPrivileged: false, updatedAt: null };

/** The roles that can change who has access or see every customer's data must use 2FA when required. */
export function mustUseTwoFactor(role: Role, settings: AuthSettings): boolean {
  return settings.requireTwoFactorForPrivileged && (role === 'admin' || role === 'manager');
}
