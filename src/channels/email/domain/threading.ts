import { createHash } from 'node:crypto';

/** A Message-ID in its canonical form `<local@domain>`, or null when there is nothing usable. */
export function normalizeMessageId(value: string | undefined | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  const bracketed = /<([^<>\s]+)>/.exec(trimmed);
  const core = bracketed?.[1] ?? trimmed.replace(/\s+/g, '');
  if (!core || core.length > 900) return null;
  return `<${core}>`;
}

/** All Message-IDs in a References / In-Reply-To value (a string or mailparser's array). */
export function messageIdsIn(value: string | readonly string[] | undefined | null): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const found = text.match(/<[^<>\s]+>/g) ?? [];
  if (found.length === 0) {
    const single = normalizeMessageId(text);
    return single && !single.includes(' ') && single.includes('@') ? [single] : [];
  }
  return found.slice(-100);
}

/**
 * The ids to look up for threading, most specific first: In-Reply-To, then References from the
 * newest (last) to the oldest.
 */
export function threadingCandidates(
  inReplyTo: string | undefined | null,
  references: string | readonly string[] | undefined | null,
) {
  const ordered = [...messageIdsIn(inReplyTo), ...messageIdsIn(references).reverse()];
  return [...new Set(ordered)].slice(0, 50);
}

/**
 * A stable Message-ID for mail that has none: the same bytes delivered again get the same id, so
 * the ingest's duplicate check still works.
 */
export function synthesizeMessageId(raw: Buffer | string): string {
  const digest = createHash('sha256').update(raw).digest('hex').slice(0, 40);
  return `<missing-${digest}@defuse.invalid>`;
}

/** A Message-ID for our outbound mail; isOwnMessageId recognises it when it comes back. */
export function outboundMessageId(uniqueId: string, domain: string): string {
  return `<defuse.${uniqueId}@${domain}>`;
}

const tokenPattern = /\[#(\d{1,12})\]/;

/** The conversation number from a subject token like "[#1042]". */
export function conversationNumberFromSubject(subject: string): number | null {
  const match = tokenPattern.exec(subject);
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

/** "Re: <subject> [#1042]": one "Re:", one token, however many times the subject went back and forth. */
export function replySubject(subject: string, conversationNumber: number): string {
  let core = subject.replace(/\[#\d{1,12}\]/g, ' ');
  for (;;) {
    const stripped = core.replace(/^\s*(re|aw|sv|antw|réf|rif|ref|r|fw|fwd|wg)\s*(\[\d+\])?\s*:\s*/i, '');
    if (stripped === core) break;
    core = stripped;
  }
  core = core.replace(/\s+/g, ' ').trim() || '(no subject)';
  return `Re: ${core} [#${conversationNumber}]`;
}

/** References for our reply: the parent's references plus the parent, newest last, bounded. */
export function replyReferences(parentReferences: readonly string[], parentMessageId: string | null): string[] {
  const all = parentMessageId ? [...parentReferences, parentMessageId] : [...parentReferences];
  const unique = [...new Set(all)];
  // Keep the thread's first message and the most recent ones (RFC 5322 advises trimming the middle).
  return unique.length <= 20 ? unique : [unique[0] as string, ...unique.slice(-19)];
}
