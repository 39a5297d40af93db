import { newId } from '../../../platform/ids.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { insertEmailRecord } from '../db/email-rows.ts';
import { isPlausibleAddress, normalizeAddress } from '../domain/addresses.ts';
import { outboundMessageId } from '../domain/threading.ts';
import type { EmailDeps } from './email-deps.ts';
import { outboundJobType } from './enqueue-outbound.ts';

export interface SystemMail {
  to: string;
  subject: string;
  text: string;
}

export type SystemMailOutcome = 'enqueued' | 'not-configured' | 'bad-address';

/** A verification code is useless after a few minutes: retry briefly, then give up. */
const systemMailMaxAttempts = 5;

/**
 * Mail no agent wrote (a chat visitor's verification code) through the same durable outbox as
 * replies: a record (no conversation) and a job in one transaction. Refuses up front when the
 * mail could not go out at all (no support address or no outbound SMTP), so the caller can say so.
 */
export async function sendSystemMail(deps: EmailDeps, mail: SystemMail): Promise<SystemMailOutcome> {
  const to = normalizeAddress(mail.to);
  if (!isPlausibleAddress(to)) return 'bad-address';
  const settings = await deps.settings.get();
  const from = settings.supportAddresses[0];
  if (!from || !settings.outboundSmtpUrl) return 'not-configured';
  const id = newId();
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (transaction) => {
    await insertEmailRecord(transaction, {
      id,
      direction: 'out',
      rfcMessageId: outboundMessageId(id, settings.messageIdDomain),
      messageId: null,
      conversationId: null,
      classification: 'system',
      status: 'queued',
      inReplyTo: null,
      references: [],
      fromAddress: from,
      fromName: settings.fromName || 'Support',
      toAddresses: [to],
      replyTo: null,
      subject: mail.subject,
      textFull: mail.text,
      htmlSanitized: null,
      sizeBytes: Buffer.byteLength(mail.text),
      now,
    });
    await enqueueJob(transaction, deps.clock, {
      type: outboundJobType,
      payload: { emailMessageId: id },
      dedupeKey: `${outboundJobType}:system:${id}`,
      maxAttempts: systemMailMaxAttempts,
    });
  });
  deps.wakeOutbox?.();
  return 'enqueued';
}
