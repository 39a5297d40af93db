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
  /** A session that may only enrol a second factor (required by policy, not yet done). */
  twoFactorEnrolmentRequired?: boolean;
}

export function mayAccess(actorRole: Role, allowed: readonly Role[]): boolean {
  return allowed.includes(actorRole);
}

/**
 * Which roles' rights each role holds. Roles are not a ladder: QA curates scripts but does not
 * work cases, so neither agent nor qa covers the other. The role matrix test checks this against
 * every route, so it cannot drift from what the routes allow.
 */
const covered: Record<Role, readonly Role[]> = {
  admin: roles,
  manager: ['manager', 'agent'],
  qa: ['qa'],
  agent: ['agent'],
};

/** True when a holder of `holder` may do everything `wanted` may: a token never outranks its creator. */
export function roleCovers(holder: Role, wanted: Role): boolean {
  return covered[holder].includes(wanted);
}
