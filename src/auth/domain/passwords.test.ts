import { describe, expect, it } from 'vitest';
import { commonPasswords } from '../use-cases/common-passwords.ts';
import { tokenStatus } from './api-tokens.ts';
import { lockDurationMs, secondsLocked } from './login-throttle.ts';
import { passwordProblem } from './passwords.ts';
import { roleCovers, roles } from './roles.ts';
import { totpCode, totpStep } from './totp.ts';

describe('password policy', () => {
  const common = commonPasswords();

  it('loads the shipped breach list once, keeping the entries long enough to matter', () => {
    expect(common.size).toBeGreaterThan(40_000);
    expect(commonPasswords()).toBe(common);
  });

  it('refuses the passwords the review got accepted, and common long ones in any case', () => {
    expect(passwordProblem('1234567890', common)).toMatch(/at least 12/);
    expect(passwordProblem('password12', common)).toMatch(/at least 12/);
    expect(passwordProblem('123456789012', common)).toMatch(/most common/);
    expect(passwordProblem('PasswordPassword', common)).toMatch(/most common/);
    expect(passwordProblem('qwertyuiopasdfghjkl', common)).toMatch(/most common/);
  });

  it('accepts a long phrase of ones own, counting characters not bytes', () => {
    expect(passwordProblem('correct horse battery staple', common)).toBeNull();
    expect(passwordProblem('defuse-demo-2026!', common)).toBeNull();
    expect(passwordProblem('ñandú-çà-ü-ßø', common)).toBeNull();
    expect(passwordProblem('ñandúçàüß', common)).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(201), common)).toMatch(/at most 200/);
  });
});

describe('sign-in lockout policy', () => {
  it('lets a few mistakes pass, then doubles the lock up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5].map((failures) => lockDurationMs('account', failures))).toEqual([0, 0, 0, 0, 0]);
    expect(lockDurationMs('account', 6)).toBe(30_000);
    expect(lockDurationMs('account', 7)).toBe(60_000);
    expect(lockDurationMs('account', 50)).toBe(15 * 60_000);
    expect(lockDurationMs('ip', 20)).toBe(0);
    expect(lockDurationMs('ip', 21)).toBe(30_000);
  });

  it('reports the longest remaining lock in whole seconds', () => {
    const now = new Date('2026-12-01T00:00:00.000Z');
    expect(secondsLocked([null, '2026-11-30T23:59:00.000Z'], now)).toBe(0);
    expect(secondsLocked(['2026-12-01T00:00:10.200Z', '2026-12-01T00:00:03.000Z'], now)).toBe(11);
  });
});

describe('token rights follow the creator', () => {
  const now = new Date('2026-12-01T00:00:00.000Z');
  const live = { revokedAt: null, expiresAt: null };

  it('works while the creator covers its role, and is suspended when they do not', () => {
    expect(tokenStatus({ ...live, role: 'admin' }, { role: 'admin', active: true }, now)).toBe('active');
    expect(tokenStatus({ ...live, role: 'admin' }, { role: 'agent', active: true }, now)).toBe('suspended');
    expect(tokenStatus({ ...live, role: 'agent' }, { role: 'manager', active: true }, now)).toBe('active');
    expect(tokenStatus({ ...live, role: 'agent' }, { role: 'qa', active: true }, now)).toBe('suspended');
    expect(tokenStatus({ ...live, role: 'agent' }, { role: 'admin', active: false }, now)).toBe('suspended');
  });

  it('is expired from its expiry instant on, and revocation wins', () => {
    const expiring = { role: 'agent', revokedAt: null, expiresAt: '2026-12-01T00:00:00.000Z' };
    expect(tokenStatus(expiring, { role: 'admin', active: true }, now)).toBe('expired');
    expect(tokenStatus(expiring, { role: 'admin', active: true }, new Date('2026-11-30T23:59:59.999Z'))).toBe('active');
    expect(tokenStatus({ ...expiring, revokedAt: 'x' }, { role: 'admin', active: true }, now)).toBe('revoked');
  });

  it('admin covers every role; every role covers itself', () => {
    for (const role of roles) {
      expect(roleCovers('admin', role)).toBe(true);
      expect(roleCovers(role, role)).toBe(true);
    }
    expect(roleCovers('manager', 'qa')).toBe(false);
  });
});

describe('TOTP codes', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const now = new Date('2026-12-01T10:00:05.000Z');

  it('accepts the current code and its neighbours, and tells which step it belongs to', () => {
    const step = Math.floor(now.getTime() / 30_000);
    expect(totpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
  });

  it('refuses an old code, a malformed one and one from another secret', () => {
    expect(totpStep(secret, totpCode(secret, new Date(now.getTime() - 120_000)), now)).toBeNull();
    expect(totpStep(secret, '12345', now)).toBeNull();
    expect(totpStep('KRSXG5CTMVRXEZLU', totpCode(secret, now), now)).toBeNull();
  });
});
