import { z } from 'zod';
import { instant, noContent } from '../../../platform/http/schemas.ts';
import { widgetPositions } from '../db/widget-settings.ts';
import { verifications } from '../domain/verification.ts';

export const widgetConfigResponse = z.object({
  primaryColor: z.string(),
  textColor: z.string(),
  position: z.enum(widgetPositions),
  greeting: z.string(),
  identityEnabled: z.boolean(),
});

export const widgetSessionResponse = z.object({
  token: z.string().describe('Opens the widget socket (`/widget/socket?token=`); short-lived'),
  expiresAt: instant,
  sessionId: z.string(),
  resumeKey: z.string(),
  conversationId: z.string().nullable(),
  verification: z.enum(verifications),
});

export const verificationSentResponse = z.object({ sentTo: z.string(), expiresAt: instant });
export const verificationConfirmedResponse = z.object({ verification: z.enum(verifications) });

const widgetSettingsFields = {
  allowedOrigins: z.array(z.string()),
  primaryColor: z.string(),
  textColor: z.string(),
  position: z.enum(widgetPositions),
  greeting: z.record(z.string(), z.string()),
  updatedAt: instant,
};

export const widgetSettingsResponse = z.object(widgetSettingsFields);

export const widgetAdminResponse = z.object({
  ...widgetSettingsFields,
  configuredOrigins: z.array(z.string()),
  identityEnabled: z.boolean(),
  health: z.object({
    openSockets: z.number().int(),
    lastMessageAt: instant.nullable(),
    lastError: z.object({ at: instant, message: z.string() }).nullable(),
  }),
});

export const chatSessionsResponse = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      verification: z.string(),
      email: z.string(),
      origin: z.string(),
      language: z.string(),
      lastSeenAt: instant,
      customerReadMessageId: z.string().nullable(),
      customerReadAt: instant.nullable(),
      agentReadMessageId: z.string().nullable(),
      agentReadAt: instant.nullable(),
    }),
  ),
});

export { noContent };
