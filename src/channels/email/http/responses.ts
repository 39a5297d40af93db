import { z } from 'zod';
import { instant } from '../../../platform/http/schemas.ts';

const setOrNot = z.enum(['set', 'not set']);

export const emailSettingsResponse = z.object({
  supportAddresses: z.array(z.string()),
  supportAddressesSource: z.enum(['settings', 'environment']),
  fromName: z.string(),
  outboundSmtp: setOrNot,
  outboundSmtpSource: z.enum(['settings', 'environment']).nullable(),
  imap: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    secure: z.boolean(),
    user: z.string(),
    password: setOrNot,
  }),
  messageIdDomain: z.string(),
  secretKeyConfigured: z.boolean(),
  inbound: z.object({
    smtpEnabled: z.boolean(),
    smtpHost: z.string(),
    smtpPort: z.number().int(),
    maxMessageBytes: z.number().int(),
    attachmentMaxBytes: z.number().int(),
  }),
  health: z.object({
    lastReceivedAt: instant.nullable(),
    lastSentAt: instant.nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: instant.nullable(),
  }),
});

const attachment = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  inline: z.boolean(),
  rejectedReason: z.string().nullable(),
  downloadUrl: z.string().nullable(),
});

export const emailStatusResponse = z.object({
  items: z.array(
    z.object({
      messageId: z.string().nullable(),
      emailId: z.string(),
      direction: z.string(),
      rfcMessageId: z.string(),
      classification: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      sentAt: instant.nullable(),
      createdAt: instant,
      subject: z.string(),
      from: z.string(),
      to: z.array(z.string()),
      hasHtml: z.boolean(),
      attachments: z.array(attachment),
    }),
  ),
});

export const emailMessageResponse = z.object({
  messageId: z.string(),
  conversationId: z.string().nullable(),
  direction: z.string(),
  rfcMessageId: z.string(),
  subject: z.string(),
  from: z.object({ address: z.string(), name: z.string() }),
  status: z.string(),
  textFull: z.string(),
  quoted: z.string(),
  signature: z.string(),
  html: z.string().nullable(),
  attachments: z.array(attachment),
});

/** An attachment's bytes, with the content type it arrived with. */
export const attachmentDownload = {
  description: 'The attachment, as a download (Content-Disposition: attachment), with its own content type',
  content: { 'application/octet-stream': { schema: z.any().meta({ type: 'string', format: 'binary' }) } },
};
