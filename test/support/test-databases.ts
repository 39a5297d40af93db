import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Every integration suite runs on both databases. SQLite always runs (a fresh file per app);
 * PostgreSQL runs when reachable at TEST_POSTGRES_URL (default 127.0.0.1:5432, database test).
 * In CI (CI=true) an unreachable PostgreSQL is an error, never a silent skip.
 */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reachable = await postgresReachable();
if (!reachable) {
  if (process.env.CI === 'true') throw new Error(`CI requires PostgreSQL at ${postgresAdminUrl}, and it is not reachable.`);
  console.warn(`PostgreSQL is not reachable at ${postgresAdminUrl}: the PostgreSQL half of the integration suites is skipped.`);
}

export const testDialects: ReadonlyArray<'sqlite' | 'postgres'> = reachable ? ['sqlite', 'postgres'] : ['sqlite'];

/** A fresh, empty database for one app: a temp SQLite file or a new PostgreSQL database. */
export async function createScratchDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `defuse_test_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const directory = mkdtempSync(join(tmpdir(), 'defuse-test-'));
    return {
      url: `sqlite:${join(directory, 'defuse.sqlite')}`,
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: postgresAdminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
