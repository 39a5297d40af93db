import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  received: Array<{ raw: Buffer; parsed: ParsedMail; envelopeFrom: string; envelopeTo: string[] }>;
  /** While true the sink answers every mail with 421 (a mail server that is down for maintenance). */
  failing: boolean;
  close(): Promise<void>;
}

/** A local SMTP server that records what our outbound path sends (tests only, loopback, port 0). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, received: [], failing: false, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onMailFrom: (_address, _session, callback) => {
      if (sink.failing)
        return callback(Object.assign(new Error('4.3.2 Service not available, try later'), { responseCode: 421 }));
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          sink.received.push({
            raw,
            parsed,
            envelopeFrom: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
