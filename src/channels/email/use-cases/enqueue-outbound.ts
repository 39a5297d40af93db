import { replyForOutbound } from '../../../conversations/index.ts';
import { getCustomer } from '../../../customers/index.ts';
import { isUniqueViolation, parseJsonColumn } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { agentRepliesWithoutEmail, findEmailByMessageId, insertEmailRecord, latestCustomerEmail } from '../db/email-rows.ts';
import { isPlausibleAddress, normalizeAddress } from '../domain/addresses.ts';
import { senderName } from '../domain/outbound-mail.ts';
import { outboundMessageId, replyReferences, replySubject } from '../domain/threading.ts';
import type { EmailDeps } from './email-deps.ts';

export const outboundJobType = 'email.outbound';
/** Retries for about a day (30 s doubling to 30 min) before a reply is marked failed. */
export const outboundMaxAttempts = 60;

export type EnqueueOutcome = 'enqueued' | 'already-recorded' | 'not-an-email-reply' | 'no-address';

/**
 * Puts an agent's reply on an e-mail conversation into the outbox: its e-mail record (status
 * queued, with the Message-ID, threading headers, sender and recipient fixed now so every retry
 * sends the same mail) and its job, in one transaction. Safe to call more than once and from
 * several nodes: the message id is unique in the records and the job's dedupe key.
 */
export async function enqueueOutboundReply(deps: EmailDeps, messageId: string): Promise<EnqueueOutcome> {
  if (await findEmailByMessageId(deps.db, messageId)) return 'already-recorded';
  const reply = await replyForOutbound(deps.db, messageId);
  if (reply?.kind !== 'agent' || reply.channel !== 'email') return 'not-an-email-reply';
  const settings = await deps.settings.get();
  const parent = await latestCustomerEmail(deps.db, reply.conversation_id);

  let to = parent ? (parent.reply_to ?? parent.from_address) : null;
  if (!to) {
    const customer = await getCustomer(deps, reply.customer_id).catch(() => null);
    to = customer?.emails.find((email) => isPlausibleAddress(normalizeAddress(email))) ?? null;
  }
  const parentRecipients = parent ? parseJsonColumn<string[]>(parent.to_addresses, []) : [];
  const fromAddress =
    parentRecipients.find((address) => settings.supportAddresses.includes(address)) ?? settings.supportAddresses[0] ?? '';
  const now = deps.clock.now().toISOString();
  const id = newId();
  const problem = !to
    ? 'The customer has no e-mail address to reply to.'
    : !fromAddress
      ? 'No support address is configured (SUPPORT_ADDRESSES or the channel settings).'
      : null;
  const parentReferences = parent ? parseJsonColumn<string[]>(parent.reference_ids, []) : [];
  try {
    await deps.db.transaction().execute(async (transaction) => {
      await insertEmailRecord(transaction, {
        id,
        direction: 'out',
        rfcMessageId: outboundMessageId(id, settings.messageIdDomain),
        messageId: reply.id,
        conversationId: reply.conversation_id,
        classification: 'reply',
        status: problem ? 'failed' : 'queued',
        inReplyTo: parent?.rfc_message_id ?? null,
        references: replyReferences(parentReferences, parent?.rfc_message_id ?? null),
        fromAddress,
        fromName: senderName(reply.author_name ?? '', settings.fromName),
        toAddresses: to ? [to] : [],
        replyTo: null,
        subject: replySubject(parent?.subject || reply.subject, Number(reply.number)),
        textFull: reply.body,
        htmlSanitized: null,
        sizeBytes: Buffer.byteLength(reply.body),
        lastError: problem,
        now,
      });
      if (!problem) {
        await enqueueJob(transaction, deps.clock, {
          type: outboundJobType,
          payload: { emailMessageId: id },
          dedupeKey: `${outboundJobType}:${reply.id}`,
          maxAttempts: outboundMaxAttempts,
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'already-recorded';
    throw error;
  }
  if (problem) {
    deps.log('warn', `reply ${reply.id} cannot be e-mailed: ${problem}`);
    return 'no-address';
  }
  deps.wakeOutbox?.();
  return 'enqueued';
}

/**
 * The start-up sweep: agent replies on e-mail conversations committed while no listener was
 * running (a crash between commit and enqueue) get their outbound record and job now.
 */
export async function sweepOutbound(deps: EmailDeps): Promise<number> {
  const settings = await deps.settings.get();
  let enqueued = 0;
  for (;;) {
    const ids = await agentRepliesWithoutEmail(deps.db, settings.outboundSince, 200);
    if (ids.length === 0) return enqueued;
    for (const id of ids) {
      if ((await enqueueOutboundReply(deps, id)) === 'enqueued') enqueued += 1;
    }
    if (ids.length < 200) return enqueued;
  }
}
