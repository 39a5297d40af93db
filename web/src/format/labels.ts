/** Plain words for the enum values the API sends. */
export function capitalize(value: string): string {
  return value ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

export const channelLabels: Record<string, string> = {
  email: 'Email',
  chat: 'Chat',
  phone: 'Phone',
  video: 'Video',
  social: 'Social',
  api: 'API',
};

export function regionName(country: string, region: string | null): string {
  let name = country;
  try {
    name = new Intl.DisplayNames(undefined, { type: 'region' }).of(country) ?? country;
  } catch {
    // keep the code
  }
  return region ? `${region}, ${name}` : name;
}

export function languageName(language: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

export function roleLabel(role: string): string {
  return role === 'qa' ? 'QA' : capitalize(role);
}
