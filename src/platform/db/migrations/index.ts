import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './202611242100_initial-schema.ts';
import * as messageAnalysis from './202611242200_message-analysis.ts';

/** Every migration, listed explicitly so bundlers and test runners need no file-system scanning. */
const migrations: Record<string, Migration> = {
  '202611242100_initial-schema': initialSchema,
  '202611242200_message-analysis': messageAnalysis,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
