import type { ChannelDeps } from '../../channel-deps.ts';
import type { EmailSettingsStore } from './email-settings.ts';

export type EmailLog = (level: 'info' | 'warn' | 'error', message: string) => void;

/** What the e-mail use cases get: the channel deps, the settings in force and a log. */
export interface EmailDeps extends ChannelDeps {
  settings: EmailSettingsStore;
  log: EmailLog;
  /** Runs the outbox at once (set when the channel's job runner is running). */
  wakeOutbox?: () => void;
}

export const emailAttachmentUrl = (id: string) => `/api/v1/email/attachments/${id}`;
