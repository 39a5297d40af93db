import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation, parseJsonColumn } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import type { ChatWidgetSettingsTable } from '../../../platform/db/schema-chat.ts';
import { newSecret } from '../../../platform/ids.ts';
import { decryptSecret, encryptSecret } from '../../email/index.ts';

export const widgetPositions = ['right', 'left'] as const;

export interface WidgetSettings {
  allowedOrigins: string[];
  primaryColor: string;
  textColor: string;
  position: (typeof widgetPositions)[number];
  /** Greeting per language code; the widget picks the customer's language, else English. */
  greeting: Record<string, string>;
  updatedAt: string;
}

export const defaultGreeting: Record<string, string> = {
  en: 'Hi! How can we help you today?',
  de: 'Hallo! Wie können wir Ihnen helfen?',
  fr: 'Bonjour ! Comment pouvons-nous vous aider ?',
  es: '¡Hola! ¿En qué podemos ayudarle?',
  ro: 'Bună! Cu ce vă putem ajuta?',
};

const settingsId = 'default';

function fromRow(row: Selectable<ChatWidgetSettingsTable>): WidgetSettings {
  return {
    allowedOrigins: parseJsonColumn<string[]>(row.allowed_origins, []),
    primaryColor: String(row.primary_color),
    textColor: String(row.text_color),
    position: row.position === 'left' ? 'left' : 'right',
    greeting: parseJsonColumn<Record<string, string>>(row.greeting, defaultGreeting),
    updatedAt: String(row.updated_at),
  };
}

/**
 * The widget session secret is sealed with CHANNEL_SECRET_KEY (AES-256-GCM, like the mail
 * credentials). Without a key it is stored as it is (documented in README). A plain secret from
 * before sealing is sealed the first time it is read with a key; a sealed secret that this key
 * cannot open (the key was changed or removed) is replaced by a new one: open widget sockets must
 * resume, which their resume keys (stored as hashes) still allow.
 */
async function openSessionSecret(db: Kysely<Database>, stored: string, key: Buffer | null): Promise<string> {
  const sealed = stored.startsWith('v1.');
  if (!sealed) {
    if (key) {
      await db
        .updateTable('chat_widget_settings')
        .set({ session_secret: encryptSecret(key, stored) })
        .where('id', '=', settingsId)
        .where('session_secret', '=', stored)
        .execute();
    }
    return stored;
  }
  if (key) {
    try {
      return decryptSecret(key, stored);
    } catch {
      // fall through: this key cannot open it
    }
  }
  const fresh = newSecret(32);
  // Only if no other node replaced it first; the caller reads the row again either way.
  await db
    .updateTable('chat_widget_settings')
    .set({ session_secret: key ? encryptSecret(key, fresh) : fresh })
    .where('id', '=', settingsId)
    .where('session_secret', '=', stored)
    .execute();
  return '';
}

/** The settings row (created with defaults and a random session key on first use). */
export async function loadWidgetSettingsRow(
  db: Kysely<Database>,
  now: string,
  key: Buffer | null,
): Promise<{ settings: WidgetSettings; sessionSecret: string }> {
  const existing = await db.selectFrom('chat_widget_settings').selectAll().where('id', '=', settingsId).executeTakeFirst();
  if (existing) {
    const sessionSecret = await openSessionSecret(db, existing.session_secret, key);
    if (sessionSecret) return { settings: fromRow(existing), sessionSecret };
    return loadWidgetSettingsRow(db, now, key);
  }
  const secret = newSecret(32);
  try {
    await db
      .insertInto('chat_widget_settings')
      .values({
        id: settingsId,
        allowed_origins: '[]',
        primary_color: '#1f6feb',
        text_color: '#ffffff',
        position: 'right',
        greeting: JSON.stringify(defaultGreeting),
        session_secret: key ? encryptSecret(key, secret) : secret,
        updated_by: null,
        updated_at: now,
      })
      .execute();
  } catch (error) {
    // Another node created it first.
    if (!isUniqueViolation(error)) throw error;
  }
  return loadWidgetSettingsRow(db, now, key);
}

export async function saveWidgetSettings(
  db: Kysely<Database>,
  settings: Omit<WidgetSettings, 'updatedAt'>,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('chat_widget_settings')
    .set({
      allowed_origins: JSON.stringify(settings.allowedOrigins),
      primary_color: settings.primaryColor,
      text_color: settings.textColor,
      position: settings.position,
      greeting: JSON.stringify(settings.greeting),
      updated_by: userId,
      updated_at: now,
    })
    .where('id', '=', settingsId)
    .execute();
}
