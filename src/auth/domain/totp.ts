import { Secret, TOTP } from 'otpauth';

// RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps.
const period = 30;
const digits = 6;
/** One step either side absorbs clock drift between the phone and the server. */
const window = 1;

function totpFor(secretBase32: string, label = 'Defuse'): TOTP {
  return new TOTP({ issuer: 'Defuse', label, algorithm: 'SHA1', digits, period, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (usually from a QR code). */
export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpFor(secretBase32, accountEmail).toString();
}

/**
 * The time step a code belongs to, or null when it is wrong. Callers refuse a step at or below
 * the last one accepted, so a code cannot be used twice.
 */
export function totpStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const timestamp = now.getTime();
  const delta = totpFor(secretBase32).validate({ token: code, timestamp, window });
  if (delta === null) return null;
  return Math.floor(timestamp / 1000 / period) + delta;
}

/** The current code (used by tests and by nothing else in the server). */
export function totpCode(secretBase32: string, now: Date): string {
  return totpFor(secretBase32).generate({ timestamp: now.getTime() });
}
