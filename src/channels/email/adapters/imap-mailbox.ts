import { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../use-cases/email-settings.ts';
import type { ImapMailbox, MailboxMessage } from '../use-cases/poll-imap.ts';

/** The real mailbox: INBOX over IMAP (imapflow), unseen messages fetched by UID and marked \Seen once stored. */
export function imapMailbox(settings: ImapSettings): ImapMailbox {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: 30_000,
  });
  let release: (() => void) | null = null;
  return {
    open: async () => {
      await client.connect();
      const lock = await client.getMailboxLock('INBOX');
      release = () => lock.release();
    },
    unseen: async (limit) => {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      const messages: MailboxMessage[] = [];
      for (const uid of uids.slice(0, limit)) {
        const message = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
        if (message !== false && message.source) {
          const internalDate = message.internalDate ? new Date(message.internalDate) : undefined;
          messages.push({ uid, source: message.source, internalDate });
        }
      }
      return messages;
    },
    markSeen: async (uid) => {
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    },
    close: async () => {
      release?.();
      await client.logout().catch(() => client.close());
    },
  };
}
