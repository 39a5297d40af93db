import { domainOf, normalizeAddress } from './addresses.ts';
import { firstHeader, type HeaderBag } from './headers.ts';

export type MailClassification = 'customer' | 'auto-reply' | 'bounce' | 'list' | 'loop';

export interface ClassificationInput {
  headers: HeaderBag;
  /** The root part's content type, lower case, without parameters. */
  contentType: string;
  messageId: string | null;
  fromAddress: string | null;
  subject: string;
  /** SMTP MAIL FROM; '' is the null reverse-path of bounces; undefined when unknown (IMAP). */
  envelopeSender?: string | undefined;
  supportAddresses: readonly string[];
  /** The domain of the Message-IDs Defuse gives its own mail. */
  ownMessageIdDomain: string;
}

export interface Classification {
  kind: MailClassification;
  /** Why, for the log line and the system note. */
  reason: string;
}

const autoReplySubject =
  /^\s*(automatic reply|auto(matic)?[- ]?reply|auto response|out of (the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|răspuns automat|absence)\b/i;
const bounceSender = /^(mailer-daemon|postmaster|mail-daemon|bounces?)(\+.*)?@/i;

/**
 * Decides whether a received mail is a person writing to support or machine traffic that must not
 * open cases or be answered: our own mail coming back (loop), bounces (DSN, null sender), auto
 * replies (RFC 3834 Auto-Submitted, X-Autoreply, vacation subjects) and list/bulk mail.
 */
export function classifyMail(input: ClassificationInput): Classification {
  const header = (name: string) => firstHeader(input.headers, name);
  const from = input.fromAddress ? normalizeAddress(input.fromAddress) : '';

  if (input.messageId && isOwnMessageId(input.messageId, input.ownMessageIdDomain)) {
    return { kind: 'loop', reason: `our own Message-ID ${input.messageId} came back` };
  }
  if (from && input.supportAddresses.includes(from)) {
    return { kind: 'loop', reason: `the sender ${from} is one of our support addresses` };
  }
  if (header('x-defuse-loop') !== undefined) return { kind: 'loop', reason: 'X-Defuse-Loop header present' };

  if (input.contentType === 'multipart/report') return { kind: 'bounce', reason: 'a multipart/report delivery notification' };
  if (input.envelopeSender === '' || input.envelopeSender === '<>') {
    return { kind: 'bounce', reason: 'the envelope sender is empty (null reverse-path)' };
  }
  const returnPath = header('return-path');
  if (returnPath !== undefined && /^<\s*>$|^$/.test(returnPath.trim())) {
    return { kind: 'bounce', reason: 'Return-Path is empty' };
  }
  if (from && bounceSender.test(from)) return { kind: 'bounce', reason: `sent by ${from}` };

  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined && !/^no\b/i.test(autoSubmitted.trim())) {
    return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply']) {
    const value = header(name);
    if (value !== undefined && !/^(no|false|0)$/i.test(value.trim())) return { kind: 'auto-reply', reason: `${name}: ${value}` };
  }
  const precedence = (header('precedence') ?? header('x-precedence') ?? '').trim().toLowerCase();
  if (precedence === 'auto_reply' || precedence === 'auto-reply')
    return { kind: 'auto-reply', reason: `Precedence: ${precedence}` };
  if (autoReplySubject.test(input.subject)) return { kind: 'auto-reply', reason: `the subject "${input.subject.slice(0, 80)}"` };

  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') {
    return { kind: 'list', reason: `Precedence: ${precedence}` };
  }
  for (const name of ['list-id', 'list-post', 'list-unsubscribe']) {
    if (header(name) !== undefined) return { kind: 'list', reason: `${name} header present` };
  }
  const feedbackType = header('x-feedback-id') ?? header('feedback-type');
  if (feedbackType !== undefined && header('x-arf') !== undefined) return { kind: 'bounce', reason: 'an abuse feedback report' };

  return { kind: 'customer', reason: 'written by a person' };
}

/** Message-IDs Defuse makes look like `<defuse.{uuid}@{domain}>`. */
export function isOwnMessageId(messageId: string, ownDomain: string): boolean {
  const id = messageId.trim().toLowerCase();
  return id.startsWith('<defuse.') && domainOf(id.replace(/>$/, '')) === ownDomain.toLowerCase();
}
