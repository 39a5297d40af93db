import nodemailer from 'nodemailer';
import { parseJsonColumn } from '../../../platform/db/database.ts';
import { type Job, type JobHandler, PermanentJobError } from '../../../platform/jobs/index.ts';
import { findEmailById, markOutbound } from '../db/email-rows.ts';
import { outboundHeaders } from '../domain/outbound-mail.ts';
import { conversationNumberFromSubject } from '../domain/threading.ts';
import type { EmailDeps } from '../use-cases/email-deps.ts';
import { recordHealth } from '../use-cases/email-settings.ts';
import { outboundJobType } from '../use-cases/enqueue-outbound.ts';

interface OutboundPayload {
  emailMessageId: string;
}

/** SMTP transport options from a URL (smtp://user:pass@host:port, smtps:// for implicit TLS), with timeouts. */
export function smtpTransportOptions(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port) || (parsed.protocol === 'smtps:' ? 465 : 587),
    secure: parsed.protocol === 'smtps:',
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

/** Sends one queued reply over SMTP; failures are retried by the job runner with back-off. */
export function sendOutboundJob(deps: EmailDeps, options: { retryBaseMs?: number } = {}): JobHandler<OutboundPayload> {
  return {
    type: outboundJobType,
    retryBaseMs: options.retryBaseMs ?? 30_000,
    retryCapMs: 30 * 60_000,
    run: async (job: Job<OutboundPayload>) => {
      const record = await findEmailById(deps.db, job.payload.emailMessageId);
      if (record?.direction !== 'out') throw new PermanentJobError(`There is no outbound e-mail ${job.payload.emailMessageId}.`);
      if (record.status === 'sent' || record.status === 'bounced') return;
      const now = () => deps.clock.now().toISOString();
      try {
        const settings = await deps.settings.get();
        if (!settings.outboundSmtpUrl) {
          throw new Error('Outbound SMTP is not configured (OUTBOUND_SMTP_URL or the channel settings); the reply waits.');
        }
        const references = parseJsonColumn<string[]>(record.reference_ids, []);
        const to = parseJsonColumn<string[]>(record.to_addresses, []);
        const transport = nodemailer.createTransport(smtpTransportOptions(settings.outboundSmtpUrl));
        try {
          await transport.sendMail({
            from: { name: record.from_name, address: record.from_address },
            to,
            subject: record.subject,
            text: record.text_full,
            messageId: record.rfc_message_id,
            ...(record.in_reply_to ? { inReplyTo: record.in_reply_to } : {}),
            ...(references.length > 0 ? { references } : {}),
            envelope: { from: record.from_address, to },
            headers: outboundHeaders(conversationNumberFromSubject(record.subject), false),
          });
        } finally {
          transport.close();
        }
        await markOutbound(deps.db, record.id, {
          status: 'sent',
          attempts: job.attempts,
          lastError: null,
          sentAt: now(),
          now: now(),
        });
        await recordHealth(deps.db, now(), { sent: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await markOutbound(deps.db, record.id, { status: 'queued', attempts: job.attempts, lastError: message, now: now() });
        await recordHealth(deps.db, now(), { error: `sending ${record.rfc_message_id}: ${message}` });
        throw error;
      }
    },
    onDead: async (job, error) => {
      const message = error instanceof Error ? error.message : String(error);
      await markOutbound(deps.db, job.payload.emailMessageId, {
        status: 'failed',
        attempts: job.attempts,
        lastError: `Gave up after ${job.attempts} attempts: ${message}`,
        now: deps.clock.now().toISOString(),
      });
    },
  };
}
