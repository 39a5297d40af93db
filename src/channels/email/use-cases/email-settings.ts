import type { Kysely } from 'kysely';
import { type AuditAuthor, recordChange } from '../../../audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Config } from '../../../platform/config.ts';
import { parseJsonColumn } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { domainOf, isPlausibleAddress, normalizeAddress, parseAddressList } from '../domain/addresses.ts';
import { emailError } from '../domain/email-errors.ts';
import { decryptSecret, encryptSecret, parseSecretKey } from '../domain/secret-box.ts';

const settingsId = 'default';
const cacheMs = 5_000;

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
}

/** The settings in force: what admins saved, else the environment. */
export interface EffectiveEmailSettings {
  supportAddresses: string[];
  fromName: string;
  outboundSmtpUrl: string | null;
  messageIdDomain: string;
  imap: ImapSettings | null;
  outboundSince: string;
}

export interface EmailHealth {
  lastReceivedAt: string | null;
  lastSentAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** What the admin screen sees: never a secret, only whether it is set. */
export interface EmailSettingsView {
  supportAddresses: string[];
  supportAddressesSource: 'settings' | 'environment';
  fromName: string;
  outboundSmtp: 'set' | 'not set';
  outboundSmtpSource: 'settings' | 'environment' | null;
  imap: { enabled: boolean; host: string; port: number; secure: boolean; user: string; password: 'set' | 'not set' };
  messageIdDomain: string;
  secretKeyConfigured: boolean;
  inbound: { smtpEnabled: boolean; smtpHost: string; smtpPort: number; maxMessageBytes: number; attachmentMaxBytes: number };
  health: EmailHealth;
}

export interface EmailSettingsPatch {
  supportAddresses?: string[] | undefined;
  fromName?: string | undefined;
  /** null clears it (the environment's value applies again). */
  outboundSmtpUrl?: string | null | undefined;
  imap?:
    | {
        enabled: boolean;
        host: string;
        port: number;
        secure: boolean;
        user: string;
        /** Omitted keeps the stored password; null clears it. */
        password?: string | null | undefined;
      }
    | undefined;
}

type SettingsRow = Awaited<ReturnType<typeof readRow>>;

/** The stored settings as the audit log compares them; secrets stay sealed (masked by the diff). */
function auditView(row: SettingsRow): Record<string, unknown> | null {
  if (!row) return null;
  return {
    supportAddresses: parseJsonColumn<string[]>(row.support_addresses, []),
    fromName: row.from_name,
    outboundSmtpUrl: row.outbound_smtp_url_encrypted,
    imap: {
      enabled: Boolean(row.imap_enabled),
      host: row.imap_host,
      port: row.imap_port,
      secure: Boolean(row.imap_secure),
      user: row.imap_user,
      password: row.imap_password_encrypted,
    },
  };
}

async function readRow(db: Kysely<Database>) {
  return db.selectFrom('email_settings').selectAll().where('id', '=', settingsId).executeTakeFirst();
}

/** The settings row exists from the channel's first use on; `outbound_since` stays that moment. */
export async function ensureSettingsRow(db: Kysely<Database>, now: string): Promise<void> {
  await db
    .insertInto('email_settings')
    .values({ id: settingsId, imap_enabled: 0, outbound_since: now, updated_at: now })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
}

/** Health is written often and best-effort: a failure here must never fail a delivery. */
export async function recordHealth(
  db: Kysely<Database>,
  now: string,
  event: { received?: boolean; sent?: boolean; error?: string },
): Promise<void> {
  try {
    await ensureSettingsRow(db, now);
    await db
      .updateTable('email_settings')
      .set({
        ...(event.received ? { last_received_at: now } : {}),
        ...(event.sent ? { last_sent_at: now } : {}),
        ...(event.error !== undefined ? { last_error: event.error.slice(0, 1000), last_error_at: now } : {}),
      })
      .where('id', '=', settingsId)
      .execute();
  } catch {
    // Health is informative; the mail itself is what matters.
  }
}

/** Reads the settings in force with a short cache; an admin's change invalidates it on this node. */
export class EmailSettingsStore {
  private cached: { at: number; value: EffectiveEmailSettings } | null = null;
  private readonly key: Buffer | null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {
    this.key = parseSecretKey(config.CHANNEL_SECRET_KEY);
  }

  invalidate(): void {
    this.cached = null;
  }

  async get(): Promise<EffectiveEmailSettings> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < cacheMs) return this.cached.value;
    const value = this.effective(await this.row());
    this.cached = { at: now, value };
    return value;
  }

  private async row(): Promise<NonNullable<SettingsRow>> {
    let row = await readRow(this.db);
    if (!row) {
      await ensureSettingsRow(this.db, this.clock.now().toISOString());
      row = await readRow(this.db);
    }
    if (!row) throw new Error('the e-mail settings row is missing');
    return row;
  }

  private open(sealed: string | null): string | null {
    if (!sealed || !this.key) return null;
    try {
      return decryptSecret(this.key, sealed);
    } catch {
      return null;
    }
  }

  private effective(row: NonNullable<SettingsRow>): EffectiveEmailSettings {
    const saved = parseJsonColumn<string[] | null>(row.support_addresses, null);
    const supportAddresses = saved && saved.length > 0 ? saved : parseAddressList(this.config.SUPPORT_ADDRESSES);
    const storedUrl = this.open(row.outbound_smtp_url_encrypted);
    const imapPassword = this.open(row.imap_password_encrypted);
    let imap: ImapSettings | null = null;
    if (row.imap_enabled && row.imap_host && row.imap_user) {
      imap = {
        host: row.imap_host,
        port: row.imap_port ?? 993,
        secure: row.imap_secure !== 0,
        user: row.imap_user,
        password: imapPassword ?? '',
      };
    } else if (!row.imap_host && this.config.IMAP_HOST && this.config.IMAP_USER) {
      imap = {
        host: this.config.IMAP_HOST,
        port: this.config.IMAP_PORT,
        secure: this.config.IMAP_SECURE,
        user: this.config.IMAP_USER,
        password: this.config.IMAP_PASSWORD,
      };
    }
    return {
      supportAddresses,
      fromName: row.from_name ?? this.config.COMPANY_NAME,
      outboundSmtpUrl: storedUrl ?? (this.config.OUTBOUND_SMTP_URL || null),
      messageIdDomain: this.config.MESSAGE_ID_DOMAIN || domainOf(supportAddresses[0] ?? '') || 'defuse.invalid',
      imap,
      outboundSince: row.outbound_since,
    };
  }

  async view(): Promise<EmailSettingsView> {
    const row = await this.row();
    const value = this.effective(row);
    const saved = parseJsonColumn<string[] | null>(row.support_addresses, null);
    return {
      supportAddresses: value.supportAddresses,
      supportAddressesSource: saved && saved.length > 0 ? 'settings' : 'environment',
      fromName: value.fromName,
      outboundSmtp: value.outboundSmtpUrl ? 'set' : 'not set',
      outboundSmtpSource: row.outbound_smtp_url_encrypted ? 'settings' : this.config.OUTBOUND_SMTP_URL ? 'environment' : null,
      imap: {
        enabled: value.imap !== null,
        host: value.imap?.host ?? row.imap_host ?? '',
        port: value.imap?.port ?? row.imap_port ?? 993,
        secure: value.imap?.secure ?? row.imap_secure !== 0,
        user: value.imap?.user ?? row.imap_user ?? '',
        password: (value.imap?.password ?? '') !== '' || row.imap_password_encrypted ? 'set' : 'not set',
      },
      messageIdDomain: value.messageIdDomain,
      secretKeyConfigured: this.key !== null,
      inbound: {
        smtpEnabled: this.config.SMTP_INBOUND_ENABLED,
        smtpHost: this.config.SMTP_INBOUND_HOST,
        smtpPort: this.config.SMTP_INBOUND_PORT,
        maxMessageBytes: this.config.SMTP_MAX_MESSAGE_BYTES,
        attachmentMaxBytes: this.config.ATTACHMENT_MAX_BYTES,
      },
      health: {
        lastReceivedAt: row.last_received_at,
        lastSentAt: row.last_sent_at,
        lastError: row.last_error,
        lastErrorAt: row.last_error_at,
      },
    };
  }

  /** Saves an admin's change; secrets are sealed with CHANNEL_SECRET_KEY and never stored in clear. */
  async update(patch: EmailSettingsPatch, author: AuditAuthor & { userId: string }): Promise<EmailSettingsView> {
    const userId = author.userId;
    const now = this.clock.now().toISOString();
    await this.row();
    const needsKey =
      (patch.outboundSmtpUrl !== undefined && patch.outboundSmtpUrl !== null) ||
      (patch.imap?.password !== undefined && patch.imap.password !== null);
    if (needsKey && !this.key) {
      throw emailError(
        'channel-secret-key-missing',
        'Set CHANNEL_SECRET_KEY (32 bytes, hex or base64) in the environment before saving mail server credentials.',
      );
    }
    const invalid = (patch.supportAddresses ?? []).filter((address) => !isPlausibleAddress(normalizeAddress(address)));
    if (invalid.length > 0) {
      throw emailError('email-settings-invalid', `These are not e-mail addresses: ${invalid.join(', ')}.`, [
        { field: 'body.supportAddresses', message: 'must be e-mail addresses' },
      ]);
    }
    const key = this.key;
    await this.db.transaction().execute(async (transaction) => {
      const before = await readRow(transaction);
      await transaction
        .updateTable('email_settings')
        .set({
          ...(patch.supportAddresses !== undefined
            ? { support_addresses: JSON.stringify([...new Set(patch.supportAddresses.map(normalizeAddress))]) }
            : {}),
          ...(patch.fromName !== undefined ? { from_name: patch.fromName.trim() } : {}),
          ...(patch.outboundSmtpUrl !== undefined
            ? { outbound_smtp_url_encrypted: patch.outboundSmtpUrl && key ? encryptSecret(key, patch.outboundSmtpUrl) : null }
            : {}),
          ...(patch.imap !== undefined
            ? {
                imap_enabled: patch.imap.enabled ? 1 : 0,
                imap_host: patch.imap.host.trim(),
                imap_port: patch.imap.port,
                imap_secure: patch.imap.secure ? 1 : 0,
                imap_user: patch.imap.user.trim(),
                ...(patch.imap.password !== undefined
                  ? { imap_password_encrypted: patch.imap.password && key ? encryptSecret(key, patch.imap.password) : null }
                  : {}),
              }
            : {}),
          updated_by: userId,
          updated_at: now,
        })
        .where('id', '=', settingsId)
        .execute();
      // Credentials are compared by their sealed form and only ever recorded as set / not set.
      await recordChange(transaction, author, now, {
        action: 'email-settings.updated',
        subjectType: 'settings',
        subjectId: 'email',
        before: auditView(before),
        after: auditView(await readRow(transaction)),
        diff: { secrets: ['outboundSmtpUrl', 'imap.password'] },
      });
    });
    this.invalidate();
    return this.view();
  }
}

const stores = new WeakMap<object, EmailSettingsStore>();

/** One store per database handle, shared by the routes and the running channel of this node. */
export function settingsStoreFor(deps: { db: Kysely<Database>; config: Config; clock: Clock }): EmailSettingsStore {
  let store = stores.get(deps.db);
  if (!store) {
    store = new EmailSettingsStore(deps.db, deps.config, deps.clock);
    stores.set(deps.db, store);
  }
  return store;
}
