import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { parseClientFrame } from './frames.ts';
import { originAllowed, parseOriginList } from './origins.ts';
import { fullBucket, takeToken } from './token-bucket.ts';
import { sessionKeyFrom, signIdentityToken, signSessionToken, verifyIdentityToken, verifySessionToken } from './tokens.ts';

const secret = 'a-widget-secret-that-is-long-enough-1234';
const now = Date.parse('2026-11-24T10:00:00Z');
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return 'no error';
};

describe('identity tokens from the company site', () => {
  const claims = { sub: 'C-1042', email: 'maria@example.com', exp: now / 1000 + 600 };
  it('accepts a good token and names each kind of bad one', () => {
    const token = signIdentityToken(secret, claims);
    expect(verifyIdentityToken(secret, token, now)).toMatchObject({ sub: 'C-1042', email: 'maria@example.com' });
    expect(code(() => verifyIdentityToken('another-secret-that-is-long-enough-xx', token, now))).toBe('token-forged');
    const [payload, signature] = token.split('.');
    const changed = Buffer.from(JSON.stringify({ ...claims, sub: 'C-1' })).toString('base64url');
    expect(code(() => verifyIdentityToken(secret, `${changed}.${signature}`, now))).toBe('token-forged');
    expect(code(() => verifyIdentityToken(secret, `${payload}`, now))).toBe('token-malformed');
    expect(code(() => verifyIdentityToken(secret, signIdentityToken(secret, { ...claims, exp: now / 1000 - 1 }), now))).toBe(
      'token-expired',
    );
    expect(code(() => verifyIdentityToken(secret, signIdentityToken(secret, { ...claims, exp: now / 1000 + 90_000 }), now))).toBe(
      'token-malformed',
    );
  });

  it('keeps the two kinds of token apart', () => {
    const key = sessionKeyFrom(secret);
    const session = signSessionToken(key, { sid: 's1', gen: 1, origin: '', exp: now / 1000 + 60 });
    expect(verifySessionToken(key, session, now).sid).toBe('s1');
    expect(code(() => verifyIdentityToken(secret, session, now))).toBe('token-wrong-purpose');
    expect(
      code(() => verifySessionToken(key, signIdentityToken(secret, { sub: 'x', email: 'a@b.c', exp: now / 1000 + 60 }), now)),
    ).toBe('token-wrong-purpose');
    expect(code(() => verifySessionToken(key, session, now + 61_000))).toBe('token-expired');
    expect(code(() => verifySessionToken(sessionKeyFrom('x'.repeat(40)), session, now))).toBe('token-forged');
  });
});

describe('origins, frames and the rate limit', () => {
  it('allows listed origins, Defuse itself and requests without an Origin; refuses others', () => {
    const allowed = parseOriginList('https://shop.example/, http://127.0.0.1:8080');
    expect(originAllowed('https://shop.example', allowed, 'defuse.example')).toBe(true);
    expect(originAllowed('http://127.0.0.1:8080', allowed, 'defuse.example')).toBe(true);
    expect(originAllowed('https://defuse.example', allowed, 'defuse.example')).toBe(true);
    expect(originAllowed(undefined, allowed, 'defuse.example')).toBe(true);
    expect(originAllowed('https://evil.example', allowed, 'defuse.example')).toBe(false);
    expect(originAllowed('null', allowed, 'defuse.example')).toBe(false);
    expect(originAllowed('https://evil.example', ['*'], undefined)).toBe(true);
  });

  it('parses frames or names what is wrong', () => {
    expect(parseClientFrame('{"type":"message","clientId":"abc123","body":" hi "}', false)).toEqual({
      type: 'message',
      clientId: 'abc123',
      body: 'hi',
    });
    expect(code(() => parseClientFrame('{nope', false))).toBe('malformed-frame');
    expect(code(() => parseClientFrame(Buffer.from([1, 2]), true))).toBe('malformed-frame');
    expect(code(() => parseClientFrame('{"type":"message","clientId":"a","body":"x"}', false))).toBe('invalid-frame');
    expect(code(() => parseClientFrame('{"type":"shout"}', false))).toBe('invalid-frame');
    expect(
      code(() => parseClientFrame(JSON.stringify({ type: 'message', clientId: 'abc123', body: 'x'.repeat(20_000) }), false)),
    ).toBe('frame-too-large');
  });

  it('lets a burst of 10 through, then one a second', () => {
    const rule = { burst: 10, perSecond: 1 };
    const bucket = fullBucket(rule, 0);
    for (let index = 0; index < 10; index += 1) expect(takeToken(bucket, rule, 0).allowed).toBe(true);
    expect(takeToken(bucket, rule, 0)).toEqual({ allowed: false, retryAfterMs: 1000 });
    expect(takeToken(bucket, rule, 999).allowed).toBe(false);
    expect(takeToken(bucket, rule, 2000).allowed).toBe(true);
  });
});
