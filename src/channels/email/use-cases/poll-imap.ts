import { MailRejectedError } from '../domain/email-errors.ts';
import type { EmailDeps } from './email-deps.ts';
import { recordHealth } from './email-settings.ts';
import { receiveMail } from './receive-mail.ts';

export interface MailboxMessage {
  uid: number;
  source: Buffer;
  internalDate?: Date | undefined;
}

/** The few mailbox operations polling needs (imapflow in production, a fake in unit tests). */
export interface ImapMailbox {
  open(): Promise<void>;
  unseen(limit: number): Promise<MailboxMessage[]>;
  markSeen(uid: number): Promise<void>;
  close(): Promise<void>;
}

export interface PollResult {
  stored: number;
  rejected: number;
  failed: number;
}

/**
 * One poll: every unseen message in INBOX is received like SMTP mail and then marked \Seen. A
 * message that can never be accepted is marked seen too (and logged); one that failed to store
 * stays unseen and is tried again on the next poll, so nothing is lost.
 */
export async function pollImapOnce(deps: EmailDeps, mailbox: ImapMailbox, limit = 100): Promise<PollResult> {
  const result: PollResult = { stored: 0, rejected: 0, failed: 0 };
  await mailbox.open();
  try {
    for (const message of await mailbox.unseen(limit)) {
      try {
        const receivedAt =
          message.internalDate && !Number.isNaN(message.internalDate.getTime()) ? message.internalDate.toISOString() : undefined;
        await receiveMail(deps, message.source, { receivedAt });
        await mailbox.markSeen(message.uid);
        result.stored += 1;
      } catch (error) {
        if (error instanceof MailRejectedError) {
          deps.log('warn', `IMAP message ${message.uid} refused: ${error.message}`);
          await mailbox.markSeen(message.uid);
          result.rejected += 1;
        } else {
          const text = error instanceof Error ? error.message : String(error);
          deps.log('error', `IMAP message ${message.uid} not stored (kept unseen, retried next poll): ${text}`);
          await recordHealth(deps.db, deps.clock.now().toISOString(), { error: `IMAP: ${text}` });
          result.failed += 1;
        }
      }
    }
  } finally {
    await mailbox.close();
  }
  return result;
}
