import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt parameters: N=2^15 costs ~50 ms and 32 MiB per hash on our machines, enough to make
// offline guessing expensive while keeping sign-in quick.
const cost = 32768;
const blockSize = 8;
const parallelization = 1;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost, blockSize, parallelization);
  return ['scrypt', cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, expected] = parts as [string, string, string, string, string, string];
  const expectedKey = Buffer.from(expected, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(N), Number(r), Number(p));
  return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
}

export const minPasswordLength = 12;
export const maxPasswordLength = 200;

/**
 * Why a new password is refused, or null. Length comes first (NIST SP 800-63B asks for length
 * and a check against known breached passwords rather than composition rules); `common` holds
 * lower-cased passwords from a public breach corpus, compared case-insensitively.
 */
export function passwordProblem(password: string, common: ReadonlySet<string>): string | null {
  const length = [...password].length;
  if (length < minPasswordLength) return `must be at least ${minPasswordLength} characters`;
  if (length > maxPasswordLength) return `must be at most ${maxPasswordLength} characters`;
  if (/^(.)\1+$/u.test(password)) return 'must not repeat one character';
  if (common.has(password.normalize('NFKC').toLowerCase())) {
    return 'is one of the most common passwords; choose a longer phrase of your own';
  }
  return null;
}
