import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { JobRunner, jobsRoutes } from '../../platform/jobs/index.ts';
import type { ChannelDeps, RunningChannel } from '../channel-deps.ts';
import { imapMailbox } from './adapters/imap-mailbox.ts';
import { type SmtpReceiver, startSmtpReceiver } from './adapters/smtp-receiver.ts';
import { emailHttpRoutes } from './http/email.routes.ts';
import { sendOutboundJob } from './jobs/send-outbound.job.ts';
import type { EmailDeps, EmailLog } from './use-cases/email-deps.ts';
import { ensureSettingsRow, recordHealth, settingsStoreFor } from './use-cases/email-settings.ts';
import { enqueueOutboundReply, sweepOutbound } from './use-cases/enqueue-outbound.ts';
import { type ImapMailbox, pollImapOnce } from './use-cases/poll-imap.ts';
import { type SystemMail, type SystemMailOutcome, sendSystemMail } from './use-cases/send-system-mail.ts';

export { decryptSecret, encryptSecret, parseSecretKey } from './domain/secret-box.ts';
export type { EmailDeps } from './use-cases/email-deps.ts';
export { receiveMail } from './use-cases/receive-mail.ts';
export type { SystemMail, SystemMailOutcome } from './use-cases/send-system-mail.ts';

/** Mail no agent wrote (a chat visitor's verification code), through the durable outbox. */
export async function sendSystemMailFor(deps: ChannelDeps, mail: SystemMail): Promise<SystemMailOutcome> {
  return sendSystemMail(emailDepsOf(deps, consoleLog), mail);
}

// The running channel's job runner per database, so the jobs API can wake it after a retry.
const runners = new WeakMap<object, JobRunner>();

function consoleLog(level: 'info' | 'warn' | 'error', message: string): void {
  if (level === 'info') return;
  console[level](`[email] ${message}`);
}

function emailDepsOf(deps: ChannelDeps, log: EmailLog): EmailDeps {
  return { ...deps, settings: settingsStoreFor(deps), log, wakeOutbox: () => runners.get(deps.db)?.wake() };
}

/** HTTP routes of the email channel, registered under /api/v1 (and its public endpoints). */
export async function emailRoutes(app: FastifyInstance, deps: ChannelDeps): Promise<void> {
  const emailDeps = emailDepsOf(deps, (level, message) => app.log[level](`[email] ${message}`));
  await app.register(emailHttpRoutes, emailDeps);
  // The durable jobs table is first used by outbound mail; its admin view is served from here
  // until app.ts registers `jobsRoutes` from platform/jobs itself.
  await app.register(jobsRoutes, { db: deps.db, clock: deps.clock, wake: () => runners.get(deps.db)?.wake() });
}

export interface EmailChannelOptions {
  log?: EmailLog;
  /** Tests: the first retry delay of outbound mail (default 30 s). */
  outboundRetryBaseMs?: number;
  /** Tests: a mailbox instead of the IMAP settings. */
  imapMailbox?: () => ImapMailbox;
}

export interface RunningEmailChannel extends RunningChannel {
  /** The port the SMTP receiver listens on (null when it is off or could not bind). */
  smtpPort: number | null;
  jobs: JobRunner;
  deps: EmailDeps;
  pollImap(): Promise<void>;
}

/** Starts the email channel's listeners and workers; main.ts calls this after the app listens. */
export async function startEmailChannel(deps: ChannelDeps): Promise<RunningChannel> {
  return startEmailChannelWith(deps);
}

/**
 * The SMTP receiver, the outbox worker (with its start-up sweep and the message.created listener)
 * and the IMAP poller. A receiver that cannot bind its port is logged and shown in the channel's
 * health; the rest keeps running.
 */
export async function startEmailChannelWith(deps: ChannelDeps, options: EmailChannelOptions = {}): Promise<RunningEmailChannel> {
  const log = options.log ?? consoleLog;
  const emailDeps = emailDepsOf(deps, log);
  await ensureSettingsRow(deps.db, deps.clock.now().toISOString());

  const jobs = new JobRunner({ db: deps.db, clock: deps.clock, pollIntervalMs: deps.config.JOB_POLL_INTERVAL_MS, log });
  jobs.register(sendOutboundJob(emailDeps, { retryBaseMs: options.outboundRetryBaseMs }));
  runners.set(deps.db as Kysely<Database>, jobs);

  const unsubscribe = deps.events.subscribe((event) => {
    if (event.type !== 'message.created' || event.message.kind !== 'agent' || event.message.channel !== 'email') return;
    void enqueueOutboundReply(emailDeps, event.message.id).catch((error: unknown) =>
      // The start-up sweep picks it up on the next start; the reply itself is committed.
      log('error', `could not queue reply ${event.message.id}: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  const swept = await sweepOutbound(emailDeps);
  if (swept > 0) log('info', `queued ${swept} agent replies that had no outbound e-mail yet`);
  jobs.start();

  let receiver: SmtpReceiver | null = null;
  if (deps.config.SMTP_INBOUND_ENABLED) {
    try {
      receiver = await startSmtpReceiver(emailDeps, { host: deps.config.SMTP_INBOUND_HOST, port: deps.config.SMTP_INBOUND_PORT });
      log('info', `SMTP receiver listening on ${deps.config.SMTP_INBOUND_HOST}:${receiver.port}`);
    } catch (error) {
      const message = `the SMTP receiver could not listen on ${deps.config.SMTP_INBOUND_HOST}:${deps.config.SMTP_INBOUND_PORT}: ${error instanceof Error ? error.message : String(error)}`;
      log('error', message);
      await recordHealth(deps.db, deps.clock.now().toISOString(), { error: message });
    }
  }

  let polling: Promise<void> | null = null;
  const pollImap = async () => {
    if (polling) return polling;
    polling = (async () => {
      const settings = await emailDeps.settings.get();
      const mailbox = options.imapMailbox?.() ?? (settings.imap ? imapMailbox(settings.imap) : null);
      if (!mailbox) return;
      try {
        await pollImapOnce(emailDeps, mailbox);
      } catch (error) {
        const message = `IMAP poll failed: ${error instanceof Error ? error.message : String(error)}`;
        log('warn', message);
        await recordHealth(deps.db, deps.clock.now().toISOString(), { error: message });
      }
    })().finally(() => {
      polling = null;
    });
    return polling;
  };
  const imapTimer = setInterval(() => void pollImap(), deps.config.IMAP_POLL_SECONDS * 1000);
  imapTimer.unref();
  if (!options.imapMailbox) void pollImap();

  return {
    smtpPort: receiver?.port ?? null,
    jobs,
    deps: emailDeps,
    pollImap,
    stop: async () => {
      clearInterval(imapTimer);
      unsubscribe();
      await receiver?.close();
      await jobs.stop();
      await polling;
      if (runners.get(deps.db) === jobs) runners.delete(deps.db);
    },
  };
}
