import { createHash } from 'node:crypto';
import { cleanDisplayName, isPlausibleAddress, normalizeAddress } from './addresses.ts';
import { checkAttachment, fallbackExtension, safeFilename } from './attachment-policy.ts';
import { type Classification, classifyMail } from './classify-mail.ts';
import type { MailRejection } from './email-errors.ts';
import { firstHeader, type HeaderBag, headerBagFrom } from './headers.ts';
import { splitReply } from './reply-text.ts';
import { htmlToPlainText, sanitizeEmailHtml } from './sanitize-email-html.ts';
import {
  conversationNumberFromSubject,
  messageIdsIn,
  normalizeMessageId,
  synthesizeMessageId,
  threadingCandidates,
} from './threading.ts';

/** The parts of mailparser's ParsedMail this mapping reads (structural, so tests can build one). */
export interface ParsedMailLike {
  headerLines: ReadonlyArray<{ key: string; line: string }>;
  messageId?: string | undefined;
  inReplyTo?: string | undefined;
  references?: string | string[] | undefined;
  subject?: string | undefined;
  date?: Date | undefined;
  from?: { value: ReadonlyArray<{ address?: string | undefined; name?: string | undefined }> } | undefined;
  to?: AddressField | AddressField[] | undefined;
  cc?: AddressField | AddressField[] | undefined;
  replyTo?: AddressField | undefined;
  text?: string | undefined;
  html?: string | false | undefined;
  attachments: ReadonlyArray<{
    filename?: string | undefined;
    contentType: string;
    content: Buffer;
    cid?: string | undefined;
    contentDisposition?: string | undefined;
    related?: boolean | undefined;
  }>;
}
type AddressField = { value: ReadonlyArray<{ address?: string | undefined; name?: string | undefined }> };

export interface InboundAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  contentId: string | null;
  inline: boolean;
  /** null when refused; the refusal is kept so agents know something was sent. */
  content: Buffer | null;
  rejectedReason: string | null;
}

export interface InboundMail {
  messageId: string;
  messageIdSynthesized: boolean;
  from: { email: string; name: string };
  replyTo: string | null;
  recipients: string[];
  subject: string;
  /** The sender's Date header when it is a real date. */
  sentAt: string | null;
  textFull: string;
  /** What analysis reads and the timeline shows: the new words only. */
  body: string;
  quoted: string;
  signature: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Message-IDs to look up, most specific first. */
  threadingIds: string[];
  conversationNumber: number | null;
  classification: Classification;
  /** For bounces: the Message-IDs of the mail that could not be delivered (from the report). */
  reportedMessageIds: string[];
  /** A line for a bounce's system note: the status and diagnostic the report gives. */
  reportSummary: string | null;
  attachments: InboundAttachment[];
  sizeBytes: number;
}

export interface MappingContext {
  supportAddresses: readonly string[];
  ownMessageIdDomain: string;
  attachmentMaxBytes: number;
  envelopeSender?: string | undefined;
  newId: () => string;
  /** Where an attachment is downloaded: cid: images in the HTML are pointed there. */
  attachmentUrl: (id: string) => string;
}

export const maxBodyLength = 100_000;
export const maxFullTextLength = 2_000_000;
const maxAttachments = 50;

function addresses(field: AddressField | AddressField[] | undefined): string[] {
  const fields = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return fields.flatMap((entry) => entry.value.map((value) => normalizeAddress(value.address ?? ''))).filter(isPlausibleAddress);
}

function contentTypeOf(headers: HeaderBag): string {
  return (firstHeader(headers, 'content-type') ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
}

/** Status and diagnostic lines of a delivery report, and the ids of the mail it reports on. */
function readReport(parsed: ParsedMailLike): { ids: string[]; summary: string | null } {
  const texts = [parsed.text ?? ''];
  for (const attachment of parsed.attachments) {
    const type = attachment.contentType.toLowerCase();
    if (type.startsWith('message/') || type === 'text/rfc822-headers')
      texts.push(attachment.content.toString('utf8', 0, 200_000));
  }
  const all = texts.join('\n');
  const ids = [...all.matchAll(/^message-id:\s*(<[^<>\s]+>)/gim)].map((match) => match[1] as string);
  const status = /^status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(all)?.[1];
  const diagnostic = /^diagnostic-code:\s*(.{1,300})/im.exec(all)?.[1]?.trim();
  const recipient = /^final-recipient:\s*(?:rfc822;)?\s*(.{1,200})/im.exec(all)?.[1]?.trim();
  const parts = [recipient && `to ${recipient}`, status && `status ${status}`, diagnostic].filter(Boolean);
  return { ids: [...new Set(ids)], summary: parts.length > 0 ? parts.join(', ') : null };
}

function validDate(date: Date | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2200 ? date.toISOString() : null;
}

function attachmentSummary(attachments: readonly InboundAttachment[]): string {
  const names = attachments.filter((attachment) => !attachment.inline).map((attachment) => attachment.filename);
  return names.length > 0 ? `(no text; attachments: ${names.slice(0, 10).join(', ')})` : '(no text)';
}

/**
 * Turns a parsed mail into what Defuse stores, or a clear rejection: decoded text split into new
 * words, quoted history and signature; sanitised HTML; attachments checked against the policy;
 * threading keys; and the classification (customer, auto-reply, bounce, list, loop). Pure apart
 * from the id generator and hashing: the same mail gives the same result.
 */
export function toInboundMail(
  parsed: ParsedMailLike,
  raw: Buffer,
  context: MappingContext,
): { ok: true; mail: InboundMail } | { ok: false; rejection: MailRejection } {
  const headers = headerBagFrom(parsed.headerLines);
  const declaredId = normalizeMessageId(parsed.messageId);
  const messageId = declaredId?.includes('@') ? declaredId : synthesizeMessageId(raw);
  const fromEntry = parsed.from?.value.find((value) => isPlausibleAddress(normalizeAddress(value.address ?? '')));
  const envelope = context.envelopeSender ? normalizeAddress(context.envelopeSender) : '';
  const replyTo = addresses(parsed.replyTo)[0] ?? null;
  const fromEmail = fromEntry
    ? normalizeAddress(fromEntry.address ?? '')
    : isPlausibleAddress(envelope)
      ? envelope
      : (replyTo ?? '');
  const subject = (parsed.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);

  const classification = classifyMail({
    headers,
    contentType: contentTypeOf(headers),
    messageId,
    fromAddress: fromEmail || null,
    subject,
    envelopeSender: context.envelopeSender,
    supportAddresses: context.supportAddresses,
    ownMessageIdDomain: context.ownMessageIdDomain,
  });
  if (!fromEmail && classification.kind === 'customer') {
    return {
      ok: false,
      rejection: { code: 'no-sender', reason: 'The mail has no usable sender address (From, envelope sender or Reply-To).' },
    };
  }

  const attachments: InboundAttachment[] = [];
  const inlineUrls = new Map<string, string>();
  for (const [index, attachment] of parsed.attachments.entries()) {
    if (index >= maxAttachments) break;
    const declaredType = attachment.contentType || 'application/octet-stream';
    // Delivery-report parts are machine data, not something the customer attached.
    if (/^(message\/delivery-status|message\/disposition-notification|text\/rfc822-headers)$/i.test(declaredType)) continue;
    const verdict = checkAttachment({
      filename: attachment.filename ?? '',
      declaredType,
      content: attachment.content,
      maxBytes: context.attachmentMaxBytes,
    });
    const id = context.newId();
    const contentId = attachment.cid ? attachment.cid.replace(/^<|>$/g, '').toLowerCase() : null;
    const inline = attachment.contentDisposition === 'inline' || (attachment.related === true && contentId !== null);
    attachments.push({
      id,
      filename: safeFilename(attachment.filename, `attachment-${index + 1}.${fallbackExtension(verdict.contentType)}`),
      contentType: verdict.contentType,
      sizeBytes: attachment.content.length,
      sha256: createHash('sha256').update(attachment.content).digest('hex'),
      contentId,
      inline,
      content: verdict.rejectedReason === null ? attachment.content : null,
      rejectedReason: verdict.rejectedReason,
    });
    if (contentId && verdict.rejectedReason === null && verdict.contentType.startsWith('image/')) {
      inlineUrls.set(contentId, context.attachmentUrl(id));
    }
  }

  const plain = parsed.text?.trim() ? parsed.text : typeof parsed.html === 'string' ? htmlToPlainText(parsed.html) : '';
  const textFull = plain.replace(/\r\n?/g, '\n').replaceAll('\u0000', '').slice(0, maxFullTextLength);
  const split = splitReply(textFull.slice(0, maxBodyLength * 4));
  const trimmedBody = split.fresh.trim();
  const body = (trimmedBody.length > 0 ? trimmedBody : attachmentSummary(attachments)).slice(0, maxBodyLength);
  let html: string | null = null;
  if (typeof parsed.html === 'string' && parsed.html.trim().length > 0) {
    html = sanitizeEmailHtml(parsed.html, inlineUrls);
  }
  const report = classification.kind === 'bounce' ? readReport(parsed) : { ids: [], summary: null };
  const inReplyTo = messageIdsIn(parsed.inReplyTo)[0] ?? null;

  return {
    ok: true,
    mail: {
      messageId,
      messageIdSynthesized: messageId !== declaredId,
      from: { email: fromEmail, name: cleanDisplayName(fromEntry?.name ?? '') },
      replyTo,
      recipients: [...new Set([...addresses(parsed.to), ...addresses(parsed.cc)])],
      subject,
      sentAt: validDate(parsed.date),
      textFull,
      body,
      quoted: split.quoted,
      signature: split.signature,
      html,
      inReplyTo,
      references: messageIdsIn(parsed.references),
      threadingIds: threadingCandidates(parsed.inReplyTo, parsed.references),
      conversationNumber: conversationNumberFromSubject(subject),
      classification,
      reportedMessageIds: report.ids,
      reportSummary: report.summary,
      attachments,
      sizeBytes: raw.length,
    },
  };
}
