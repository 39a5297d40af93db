import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './202611242100_initial-schema.ts';

/** Every migration, listed explicitly so bundlers and test runners need no file-system scanning. */
const migrations: Record<string, Migration> = {
  '202611242100_initial-schema': initialSchema,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
