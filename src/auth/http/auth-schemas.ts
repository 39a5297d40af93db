import { z } from 'zod';
import { moneySchema } from '../../platform/http/schemas.ts';
import { roles } from '../domain/roles.ts';

// Response shapes of the auth routes: they document the API and serialise what leaves it
// (nothing that is not listed here, such as a password hash, can slip into a response).
export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  approvalLimit: moneySchema,
  active: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  twoFactorEnabled: z.boolean(),
});

export const signedInSchema = z.object({
  user: userSchema,
  csrfToken: z.string().nullable(),
  twoFactorEnrolmentRequired: z.boolean(),
});

export const ownSessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const authSettingsSchema = z.object({
  requireTwoFactorForPrivileged: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(roles),
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string() }),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  status: z.enum(['active', 'revoked', 'expired', 'suspended']),
});
