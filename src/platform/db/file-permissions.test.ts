import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from './database.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the SQLite database file is private to its owner', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  it('creates the directory 0700 and the database, -wal and -shm files 0600', async () => {
    const root = mkdtempSync(join(tmpdir(), 'defuse-perm-'));
    roots.push(root);
    const previous = process.umask(0o022);
    try {
      const path = join(root, 'nested', 'data', 'defuse.sqlite');
      const handle = openDatabase({ url: `sqlite:${path}` });
      await migrateToLatest(handle.db);
      await handle.db.insertInto('counters').values({ name: 'permission-test', value: 1 }).execute();
      expect(modeOf(join(root, 'nested', 'data'))).toBe(0o700);
      expect(modeOf(path)).toBe(0o600);
      expect(modeOf(`${path}-wal`)).toBe(0o600);
      expect(modeOf(`${path}-shm`)).toBe(0o600);
      await handle.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens an existing world-readable database file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'defuse-perm-'));
    roots.push(root);
    const path = join(root, 'old.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    const handle = openDatabase({ url: `sqlite:${path}` });
    await migrateToLatest(handle.db);
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(`${path}-wal`)).toBe(0o600);
    await handle.close();
  });
});
