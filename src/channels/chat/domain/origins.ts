/** Normalises an origin as browsers send it: scheme://host[:port], lower case, no trailing slash. */
export function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * May a page on `origin` use the widget? Allowed: the listed origins (`*` for any), and Defuse's
 * own host. A request without an Origin header is not from a browser page (a server or an app),
 * which the signed tokens alone protect.
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[], ownHost: string | undefined): boolean {
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  if (allowed.includes('*')) return true;
  if (ownHost && new URL(normalized).host === ownHost.toLowerCase()) return true;
  return allowed.some((candidate) => normalizeOrigin(candidate) === normalized);
}

export function parseOriginList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (part === '*' ? '*' : (normalizeOrigin(part) ?? part)));
}
