/** Raw header fields by lower-case name, unfolded, in order of appearance. */
export type HeaderBag = ReadonlyMap<string, readonly string[]>;

/** Builds a bag from mailparser's `headerLines` ({ key, line: 'Name: value' }). */
export function headerBagFrom(lines: ReadonlyArray<{ key: string; line: string }>): HeaderBag {
  const bag = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon === -1 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    const values = bag.get(name);
    if (values) values.push(value);
    else bag.set(name, [value]);
  }
  return bag;
}

export function firstHeader(bag: HeaderBag, name: string): string | undefined {
  return bag.get(name.toLowerCase())?.[0];
}
