import { createHash } from 'node:crypto';

/** Session cookies and API tokens are stored only as SHA-256 hashes: a leaked table grants nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export const apiTokenPrefix = 'dfs_';
