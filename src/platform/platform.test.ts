import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/domain/passwords.ts';
import { ConfigError, parseConfig } from './config.ts';
import { newId } from './ids.ts';

describe('configuration', () => {
  it('uses documented defaults when nothing is set', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBe('sqlite:./data/defuse.sqlite');
    expect(config.BODY_LIMIT_BYTES).toBe(1024 * 1024);
  });

  it('stops with a message naming each bad variable', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
      expect.unreachable('parseConfig accepted bad configuration');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toContain('PORT');
      expect((error as ConfigError).message).toContain('DATABASE_URL');
    }
  });
});

describe('ids', () => {
  it('are UUIDv7 and strictly increasing within one process', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('passwords', () => {
  it('verifies the right password and rejects a wrong one with scrypt', async () => {
    const stored = await hashPassword('a long enough secret');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('a long enough secret', stored)).toBe(true);
    expect(await verifyPassword('a long enough secreT', stored)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('refuses short or one-character passwords (the common-password list is tested in src/auth)', () => {
    expect(passwordProblem('short', new Set())).not.toBeNull();
    expect(passwordProblem('aaaaaaaaaaaa', new Set())).not.toBeNull();
    expect(passwordProblem('a sensible passphrase', new Set())).toBeNull();
  });
});
