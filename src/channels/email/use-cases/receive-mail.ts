import { simpleParser } from 'mailparser';
import { conversationIdByNumber, ingestInbound, postMessage } from '../../../conversations/index.ts';
import { isUniqueViolation } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import { scrubDeep } from '../../../platform/text-policy.ts';
import { conversationByMessageIds, findEmailByRfcId, insertEmailRecord, markOutbound } from '../db/email-rows.ts';
import type { MailClassification } from '../domain/classify-mail.ts';
import { MailRejectedError } from '../domain/email-errors.ts';
import { type InboundMail, type ParsedMailLike, toInboundMail } from '../domain/inbound-mail.ts';
import { type EmailDeps, emailAttachmentUrl } from './email-deps.ts';
import { recordHealth } from './email-settings.ts';

export type ReceiveOutcome =
  | { kind: 'stored'; messageId: string; conversationId: string; duplicate: boolean; rfcMessageId: string }
  | { kind: 'noted'; classification: MailClassification; conversationId: string; noteId: string; rfcMessageId: string }
  | { kind: 'dropped'; classification: MailClassification; reason: string; rfcMessageId: string }
  | { kind: 'duplicate'; rfcMessageId: string };

export interface ReceiveContext {
  /** SMTP MAIL FROM ('' for the null sender of bounces); undefined for IMAP. */
  envelopeSender?: string | undefined;
  /** When the mailbox received it (IMAP INTERNALDATE); defaults to now. */
  receivedAt?: string | undefined;
}

const parserOptions = { skipTextToHtml: true, keepCidLinks: true, maxHtmlLengthToParse: 5_000_000 } as const;

/** Parses raw bytes with mailparser; a mail it cannot read at all is a permanent rejection. */
export async function parseRawMail(raw: Buffer): Promise<ParsedMailLike> {
  try {
    return await simpleParser(raw, parserOptions);
  } catch (error) {
    throw new MailRejectedError({
      code: 'unparseable',
      reason: `The message could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** Maps raw bytes to an inbound mail using the settings in force (or throws MailRejectedError). */
export async function readInboundMail(deps: EmailDeps, raw: Buffer, context: ReceiveContext = {}): Promise<InboundMail> {
  const settings = await deps.settings.get();
  const parsed = await parseRawMail(raw);
  const mapped = toInboundMail(parsed, raw, {
    supportAddresses: settings.supportAddresses,
    ownMessageIdDomain: settings.messageIdDomain,
    attachmentMaxBytes: deps.config.ATTACHMENT_MAX_BYTES,
    envelopeSender: context.envelopeSender,
    newId: () => newId(),
    attachmentUrl: emailAttachmentUrl,
  });
  if (!mapped.ok) throw new MailRejectedError(mapped.rejection);
  // Mail is data we must not lose: NUL characters are dropped and unpaired surrogates become U+FFFD,
  // so PostgreSQL stores every mail SQLite would (attachment bytes are left as they are).
  return scrubDeep(mapped.mail);
}

const machineLabels: Record<Exclude<MailClassification, 'customer'>, string> = {
  'auto-reply': 'Automatic reply',
  bounce: 'Delivery failure',
  list: 'Mailing-list or bulk mail',
  loop: 'Our own mail came back',
};

function noteFor(mail: InboundMail): string {
  const kind = mail.classification.kind as Exclude<MailClassification, 'customer'>;
  const lines = [
    `${machineLabels[kind]} received from ${mail.from.email || 'an unknown sender'} (${mail.classification.reason}).`,
  ];
  if (mail.reportSummary) lines.push(`Report: ${mail.reportSummary}.`);
  if (mail.subject) lines.push(`Subject: ${mail.subject}`);
  const excerpt = mail.body.slice(0, 500).trim();
  if (excerpt && kind !== 'bounce') lines.push('', excerpt);
  lines.push('', 'Not treated as a message from the customer; nothing was sent back.');
  return lines.join('\n');
}

/**
 * One received mail, from SMTP or IMAP: store it through the one ingest path (threaded by
 * In-Reply-To/References, then the [#number] subject token) together with its e-mail record and
 * attachments; or, for machine mail, leave a note on the conversation it concerns (or drop it).
 * Resolves only once everything is committed: the caller may acknowledge the mail then.
 * Throws MailRejectedError for mail that can never be accepted; any other error is transient.
 */
export async function receiveMail(deps: EmailDeps, raw: Buffer, context: ReceiveContext = {}): Promise<ReceiveOutcome> {
  const mail = await readInboundMail(deps, raw, context);
  const now = deps.clock.now().toISOString();
  const existing = await findEmailByRfcId(deps.db, mail.messageId);
  if (existing && (existing.message_id !== null || existing.status === 'ignored' || existing.direction === 'out')) {
    return { kind: 'duplicate', rfcMessageId: mail.messageId };
  }
  const record = {
    id: newId(),
    direction: 'in' as const,
    rfcMessageId: mail.messageId,
    classification: mail.classification.kind,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    fromAddress: mail.from.email,
    fromName: mail.from.name,
    toAddresses: mail.recipients,
    replyTo: mail.replyTo,
    subject: mail.subject,
    textFull: mail.textFull,
    htmlSanitized: mail.html,
    sizeBytes: mail.sizeBytes,
    now,
  };

  if (mail.classification.kind !== 'customer') {
    // Machine mail joins a conversation only through our own Message-IDs, never a subject token.
    const conversationId =
      mail.classification.kind === 'loop'
        ? null
        : await conversationByMessageIds(deps.db, [...mail.reportedMessageIds, ...mail.threadingIds]);
    if (mail.classification.kind === 'bounce') await markBounced(deps, mail, now);
    if (!conversationId) {
      await insertEmailRecord(deps.db, { ...record, messageId: null, conversationId: null, status: 'ignored' });
      deps.log(
        'info',
        `e-mail ${mail.messageId} from ${mail.from.email || '<>'} dropped: ${mail.classification.kind} (${mail.classification.reason})`,
      );
      await recordHealth(deps.db, now, { received: true });
      return {
        kind: 'dropped',
        classification: mail.classification.kind,
        reason: mail.classification.reason,
        rfcMessageId: mail.messageId,
      };
    }
    const note = await postMessage(deps.conversations, systemActor, conversationId, { kind: 'note', body: noteFor(mail) });
    await insertEmailRecord(deps.db, { ...record, messageId: note.id, conversationId, status: 'received' });
    await recordHealth(deps.db, now, { received: true });
    return {
      kind: 'noted',
      classification: mail.classification.kind,
      conversationId,
      noteId: note.id,
      rfcMessageId: mail.messageId,
    };
  }

  const threaded =
    (await conversationByMessageIds(deps.db, mail.threadingIds)) ??
    (mail.conversationNumber !== null ? await conversationIdByNumber(deps.db, mail.conversationNumber) : null);
  const result = await ingestInbound(deps.conversations, {
    channel: 'email',
    externalMessageId: mail.messageId,
    from: { email: mail.from.email, name: mail.from.name || undefined },
    subject: mail.subject || undefined,
    body: mail.body,
    receivedAt: context.receivedAt,
    conversationId: threaded ?? undefined,
  });
  try {
    await deps.db
      .transaction()
      .execute((transaction) =>
        insertEmailRecord(
          transaction,
          { ...record, messageId: result.message.id, conversationId: result.conversation.id, status: 'received' },
          mail.attachments,
        ),
      );
  } catch (error) {
    // Two deliveries of the same mail at once: the other one recorded it.
    if (!isUniqueViolation(error)) throw error;
  }
  await recordHealth(deps.db, now, { received: true });
  return {
    kind: 'stored',
    messageId: result.message.id,
    conversationId: result.conversation.id,
    duplicate: result.duplicate,
    rfcMessageId: mail.messageId,
  };
}

/** A bounce of one of our replies marks that reply's delivery as bounced, with the report's reason. */
async function markBounced(deps: EmailDeps, mail: InboundMail, now: string): Promise<void> {
  for (const id of mail.reportedMessageIds) {
    const original = await findEmailByRfcId(deps.db, id);
    if (original?.direction === 'out') {
      await markOutbound(deps.db, original.id, {
        status: 'bounced',
        lastError: mail.reportSummary ?? mail.classification.reason,
        now,
      });
    }
  }
}

/**
 * System notes have no author. conversations/ exports no system-entry function yet, so the note
 * goes through postMessage with a null author (author_user_id is nullable).
 */
const systemActor = { userId: null } as unknown as { userId: string };
