/** E-mail addresses compared the way mail servers do in practice: trimmed, lower-cased. */
export function normalizeAddress(address: string): string {
  return address.trim().replace(/^<|>$/g, '').toLowerCase();
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at === -1 ? '' : normalizeAddress(address.slice(at + 1));
}

/** A comma, semicolon or whitespace separated list, normalised, duplicates removed, invalid ones dropped. */
export function parseAddressList(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const address = normalizeAddress(part);
    if (isPlausibleAddress(address)) seen.add(address);
  }
  return [...seen];
}

export function isPlausibleAddress(address: string): boolean {
  return /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(address) && address.length <= 254;
}

/** A display name safe for a From header: no quotes, angle brackets or line breaks. */
export function cleanDisplayName(name: string): string {
  return name
    .replace(/[\r\n"<>\\]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}
