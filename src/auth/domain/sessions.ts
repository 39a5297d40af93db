import { createHash } from 'node:crypto';

/**
 * The id a session is shown and ended by. Sessions are stored under the hash of their cookie;
 * showing a hash of that hash keeps the stored key out of pages and audit details.
 */
export function publicSessionId(storedId: string): string {
  return createHash('sha256').update(`session:${storedId}`).digest('base64url').slice(0, 22);
}

/** A user agent string, cut to what a sessions list shows. */
export function describeUserAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  return userAgent.slice(0, 300);
}
