import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './202611242100_initial-schema.ts';
import * as messageAnalysis from './202611242200_message-analysis.ts';
import * as playbookScriptsCoach from './202611242300_playbook-scripts-coach.ts';
import * as emailChannel from './202611250000_email-channel.ts';
import * as chatChannel from './202611250100_chat-channel.ts';
import * as authHardening from './202612010100_auth-hardening.ts';
import * as auditFilters from './202612010200_audit-filters.ts';
import * as eventTickets from './202612010300_event-tickets.ts';
import * as privacy from './202612010400_privacy.ts';

/** Every migration, listed explicitly so bundlers and test runners need no file-system scanning. */
const migrations: Record<string, Migration> = {
  '202611242100_initial-schema': initialSchema,
  '202611242200_message-analysis': messageAnalysis,
  '202611242300_playbook-scripts-coach': playbookScriptsCoach,
  '202611250000_email-channel': emailChannel,
  '202611250100_chat-channel': chatChannel,
  '202612010100_auth-hardening': authHardening,
  '202612010200_audit-filters': auditFilters,
  '202612010300_event-tickets': eventTickets,
  '202612010400_privacy': privacy,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
