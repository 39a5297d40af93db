import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAuthorOf } from '../../../audit/index.ts';
import { requireActor, staffRoles } from '../../../auth/index.ts';
import { idParams } from '../../../platform/http/schemas.ts';
import type { EmailDeps } from '../use-cases/email-deps.ts';
import { conversationEmailStatus, emailOfMessage, loadAttachment } from '../use-cases/email-status.ts';
import { attachmentDownload, emailMessageResponse, emailSettingsResponse, emailStatusResponse } from './responses.ts';

const settingsBody = z.strictObject({
  supportAddresses: z.array(z.string().trim().min(3).max(254)).max(50).optional(),
  fromName: z.string().trim().max(120).optional(),
  outboundSmtpUrl: z
    .string()
    .max(1000)
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://[user:password@]host[:port] or smtps://…')
    .nullable()
    .optional(),
  imap: z
    .strictObject({
      enabled: z.boolean(),
      host: z.string().trim().max(300),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean(),
      user: z.string().trim().max(300),
      password: z.string().max(1000).nullable().optional(),
    })
    .optional(),
});

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function emailHttpRoutes(app: FastifyInstance, deps: EmailDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/email/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['email'],
        summary: 'E-mail channel settings (secrets only as "set"/"not set") and health: last mail received and sent, last error',
        response: { 200: emailSettingsResponse },
      },
    },
    async () => deps.settings.view(),
  );

  routes.put(
    '/email/settings',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['email'],
        summary: 'Change support addresses, sender name, outbound SMTP and IMAP credentials (stored encrypted)',
        body: settingsBody,
        response: { 200: emailSettingsResponse },
      },
    },
    async (request) => deps.settings.update(request.body, { ...auditAuthorOf(request), userId: requireActor(request).userId }),
  );

  routes.get(
    '/conversations/:id/email-status',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['email'],
        summary: "Delivery status of a conversation's e-mail (queued, sent, failed, bounced), classifications and attachments",
        params: idParams,
        response: { 200: emailStatusResponse },
      },
    },
    async (request) => conversationEmailStatus(deps.db, request.params.id),
  );

  routes.get(
    '/email/messages/:id',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['email'],
        summary: 'The whole e-mail behind a timeline message: full text with quoted history, sanitised HTML, attachments',
        params: idParams,
        response: { 200: emailMessageResponse },
      },
    },
    async (request) => emailOfMessage(deps.db, request.params.id),
  );

  routes.get(
    '/email/attachments/:id',
    {
      config: { roles: staffRoles },
      schema: {
        tags: ['email'],
        summary: 'Download an attachment (always as a download, never rendered)',
        params: idParams,
        response: { 200: attachmentDownload },
      },
    },
    async (request, reply) => {
      const attachment = await loadAttachment(deps.db, request.params.id);
      return reply
        .header('content-type', attachment.content_type)
        .header('content-disposition', contentDisposition(attachment.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=300')
        .send(attachment.content);
    },
  );
}
