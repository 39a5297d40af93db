import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ChatErrorCode, chatError } from './chat-errors.ts';

/**
 * Two kinds of signed token, each good for one purpose only (the HMAC covers a purpose label):
 *
 * Identity token — issued by the company's own site for a signed-in customer:
 *   token   = payload "." signature
 *   payload = base64url(JSON {"sub": "<your customer id>", "email": "<e-mail>", "exp": <unix seconds>, "name"?: "<name>"})
 *   signature = base64url(HMAC-SHA256(key = WIDGET_SECRET, data = "defuse-identity.v1." + payload))
 * `exp` must be in the future and at most 24 hours away.
 *
 * Widget session token — issued by Defuse (POST /api/v1/widget/sessions) and used to open the
 * widget's WebSocket:  "ws1." + base64url(JSON {sid, gen, origin, exp}) + "." + signature, the
 * signature an HMAC-SHA256 with a key derived for this purpose only.
 */
export interface IdentityClaims {
  sub: string;
  email: string;
  exp: number;
  name?: string | undefined;
}

export interface SessionClaims {
  sid: string;
  gen: number;
  origin: string;
  exp: number;
}

const identityLabel = 'defuse-identity.v1.';
const sessionLabel = 'defuse-widget-session.v1.';
const sessionPrefix = 'ws1.';
const maxIdentityLifetimeSeconds = 24 * 60 * 60;
const maxTokenLength = 4096;

function sign(key: string | Buffer, label: string, payload: string): string {
  return createHmac('sha256', key)
    .update(label + payload)
    .digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function fail(code: ChatErrorCode, message: string): never {
  throw chatError(code, message);
}

function decodePayload(payload: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  return fail('token-malformed', 'The token payload is not base64url-encoded JSON.');
}

/** Makes an identity token: what a company's site does (shown here for tests and the docs). */
export function signIdentityToken(secret: string, claims: IdentityClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(secret, identityLabel, payload)}`;
}

/** Checks an identity token from a company's site; throws a chat error naming what is wrong. */
export function verifyIdentityToken(secret: string, token: string, nowMs: number): IdentityClaims {
  if (token.length > maxTokenLength) fail('token-malformed', 'The identity token is too long.');
  if (token.startsWith(sessionPrefix)) fail('token-wrong-purpose', 'This is a widget session token, not an identity token.');
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) fail('token-malformed', 'An identity token is "payload.signature".');
  const [payload, signature] = parts as [string, string];
  if (!sameText(signature, sign(secret, identityLabel, payload))) {
    fail('token-forged', 'The identity token signature does not match (wrong key or changed payload).');
  }
  const claims = decodePayload(payload);
  const { sub, email, exp, name } = claims;
  if (typeof sub !== 'string' || sub.length < 1 || sub.length > 200) fail('token-malformed', 'The identity token needs "sub".');
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) {
    fail('token-malformed', 'The identity token needs a valid "email".');
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) fail('token-malformed', 'The identity token needs "exp" (unix seconds).');
  if (exp * 1000 <= nowMs) fail('token-expired', 'The identity token has expired; the site should issue a fresh one.');
  if (exp * 1000 > nowMs + maxIdentityLifetimeSeconds * 1000) {
    fail('token-malformed', 'The identity token expires more than 24 hours from now; issue short-lived tokens.');
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) fail('token-malformed', '"name" must be text.');
  return { sub, email, exp, name: typeof name === 'string' ? name : undefined };
}

/** The key for session tokens, derived so it can sign nothing else. */
export function sessionKeyFrom(secret: string): Buffer {
  return createHmac('sha256', secret).update('defuse-widget-session-key').digest();
}

export function signSessionToken(key: Buffer, claims: SessionClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${sessionPrefix}${payload}.${sign(key, sessionLabel, payload)}`;
}

/** Checks a session token's form, signature and expiry (its generation is checked against the session). */
export function verifySessionToken(key: Buffer, token: string, nowMs: number): SessionClaims {
  if (token.length > maxTokenLength) fail('token-malformed', 'The session token is too long.');
  if (!token.startsWith(sessionPrefix)) {
    if (token.split('.').length === 2) fail('token-wrong-purpose', 'An identity token cannot open the widget socket.');
    fail('token-malformed', 'This is not a widget session token.');
  }
  const parts = token.slice(sessionPrefix.length).split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) fail('token-malformed', 'The session token is malformed.');
  const [payload, signature] = parts as [string, string];
  if (!sameText(signature, sign(key, sessionLabel, payload))) fail('token-forged', 'The session token signature does not match.');
  const { sid, gen, origin, exp } = decodePayload(payload);
  if (typeof sid !== 'string' || typeof gen !== 'number' || typeof origin !== 'string' || typeof exp !== 'number') {
    fail('token-malformed', 'The session token lacks its claims.');
  }
  if (exp * 1000 <= nowMs) fail('token-expired', 'The session token has expired; start the session again to resume.');
  return { sid, gen, origin, exp };
}
