import type { Kysely, Selectable } from 'kysely';
import { isUniqueViolation, parseJsonColumn } from '../../../platform/db/database.ts';
import type { Database } from '../../../platform/db/schema.ts';
import type { ChatWidgetSettingsTable } from '../../../platform/db/schema-chat.ts';
import { newSecret } from '../../../platform/ids.ts';

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

/** The settings row (created with defaults and a random session key on first use). */
export async function loadWidgetSettingsRow(
  db: Kysely<Database>,
  now: string,
): Promise<{ settings: WidgetSettings; sessionSecret: string }> {
  const existing = await db.selectFrom('chat_widget_settings').selectAll().where('id', '=', settingsId).executeTakeFirst();
  if (existing) return { settings: fromRow(existing), sessionSecret: existing.session_secret };
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
        session_secret: newSecret(32),
        updated_by: null,
        updated_at: now,
      })
      .execute();
  } catch (error) {
    // Another node created it first.
    if (!isUniqueViolation(error)) throw error;
  }
  return loadWidgetSettingsRow(db, now);
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
