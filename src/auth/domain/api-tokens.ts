import { isRole, roleCovers } from './roles.ts';

/**
 * Whether an API token may act now. A token acts with its own role only while its creator still
 * holds that role's rights: demote or deactivate the creator and the token stops; promote them
 * back and it works again. Revocation and expiry are final.
 */
export type TokenStatus = 'active' | 'revoked' | 'expired' | 'suspended';

export function tokenStatus(
  token: { role: string; revokedAt: string | null; expiresAt: string | null },
  creator: { role: string; active: boolean },
  now: Date,
): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now.toISOString()) return 'expired';
  if (!creator.active || !isRole(creator.role) || !isRole(token.role) || !roleCovers(creator.role, token.role)) {
    return 'suspended';
  }
  return 'active';
}
