import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { normalizeAddress } from '../domain/addresses.ts';
import { MailRejectedError } from '../domain/email-errors.ts';
import type { EmailDeps } from '../use-cases/email-deps.ts';
import { recordHealth } from '../use-cases/email-settings.ts';
import { receiveMail } from '../use-cases/receive-mail.ts';

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The built-in SMTP receiver: accepts mail only for the configured support addresses (others get
 * 550 at RCPT), enforces the size limit, and answers 250 only after the mail is stored. A storage
 * failure answers 451 so the sending server retries; a mail we can never accept answers 554.
 */
export async function startSmtpReceiver(deps: EmailDeps, options: { host: string; port: number }): Promise<SmtpReceiver> {
  const maxBytes = deps.config.SMTP_MAX_MESSAGE_BYTES;
  const server = new SMTPServer({
    name: 'defuse',
    banner: 'Defuse support mail receiver',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 100,
    socketTimeout: 60_000,
    onRcptTo: (address, _session, callback) => {
      void deps.settings
        .get()
        .then((settings) => {
          const recipient = normalizeAddress(address.address);
          if (settings.supportAddresses.includes(recipient)) return callback();
          callback(
            smtpError(
              550,
              `5.1.1 <${address.address}>: no such mailbox here; this server only accepts mail for its support addresses`,
            ),
          );
        })
        .catch(() => callback(smtpError(451, '4.3.0 Temporary failure, please try again later')));
    },
    onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
      void (async () => {
        const raw = await readStream(stream);
        if (stream.sizeExceeded) {
          return callback(smtpError(552, `5.3.4 Message too big: the limit is ${maxBytes} bytes`));
        }
        const mailFrom = session.envelope.mailFrom;
        try {
          const outcome = await receiveMail(deps, raw, { envelopeSender: mailFrom === false ? '' : mailFrom.address });
          callback(null, `2.0.0 Stored ${outcome.rfcMessageId} (${outcome.kind})`);
        } catch (error) {
          if (error instanceof MailRejectedError) {
            deps.log('warn', `refused an e-mail: ${error.message}`);
            return callback(smtpError(554, `5.6.0 ${error.message.replace(/[\r\n]+/g, ' ').slice(0, 300)}`));
          }
          const message = error instanceof Error ? error.message : String(error);
          deps.log('error', `could not store a received e-mail (the sender will retry): ${message}`);
          await recordHealth(deps.db, deps.clock.now().toISOString(), { error: `receiving: ${message}` });
          callback(smtpError(451, '4.3.0 Could not store the message right now, please try again later'));
        }
      })().catch(() => callback(smtpError(451, '4.3.0 Temporary failure, please try again later')));
    },
  });
  server.on('error', (error) => deps.log('error', `SMTP receiver: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
