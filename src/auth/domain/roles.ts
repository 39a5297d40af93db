export const roles = ['agent', 'manager', 'qa', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Every signed-in staff role. Customers never sign in. */
export const staffRoles: readonly Role[] = roles;

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Who is acting: a signed-in user (cookie session) or an integration (bearer token). */
export interface Actor {
  kind: 'session' | 'token';
  userId: string;
  userName: string;
  role: Role;
  sessionId: string | null;
  tokenId: string | null;
  csrfToken: string | null;
}

export function mayAccess(actorRole: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(actorRole);
}
