/**
 * Regional communication notes shown in the customer panel. These are defaults that admins edit:
 * starting points for the agent, never a verdict on a person. The customer's own tone wins.
 */
export interface Holiday {
  name: string;
  /** When, in plain words ("1 December", "Orthodox Easter, date varies"). */
  when: string;
}

export interface RegionalGuidance {
  /** ISO 3166-1 alpha-2 */
  country: string;
  countryName: string;
  /** BCP 47 locale for amounts and dates. */
  locale: string;
  formality: string;
  directness: string;
  preferredChannels: readonly string[];
  businessHours: { timeZone: string; days: string; open: string; close: string; note?: string };
  holidays: readonly Holiday[];
  notes: readonly string[];
}

const weekdays = 'Monday to Friday';

export const regionalGuidanceDefaults: Readonly<Record<string, RegionalGuidance>> = {
  RO: {
    country: 'RO',
    countryName: 'Romania',
    locale: 'ro-RO',
    formality:
      'Start formally: "Bună ziua, domnule Ionescu" / "doamnă Popa" and "dumneavoastră". Move to first names only if the customer does.',
    directness:
      'A clear, friendly answer works well. Say plainly what happened and what you will do; customers appreciate being told the truth early.',
    preferredChannels: ['e-mail', 'phone', 'chat'],
    businessHours: { timeZone: 'Europe/Bucharest', days: weekdays, open: '09:00', close: '18:00' },
    holidays: [
      { name: 'New Year', when: '1–2 January' },
      { name: 'Orthodox Easter', when: 'date varies (often later than Western Easter)' },
      { name: 'Labour Day', when: '1 May' },
      { name: 'Orthodox Pentecost', when: 'date varies' },
      { name: 'Assumption of Mary', when: '15 August' },
      { name: 'National Day', when: '1 December' },
      { name: 'Christmas', when: '25–26 December' },
    ],
    notes: [
      'Quote amounts in lei (RON), formatted the Romanian way, e.g. 1.249,00 lei: that is what customers see on their statement.',
      'Customers may mention ANPC, the consumer protection authority. Treat it as a sign they feel unheard, and involve a manager.',
      'Write in Romanian when the customer does; use correct diacritics (ș, ț).',
    ],
  },
  DE: {
    country: 'DE',
    countryName: 'Germany',
    locale: 'de-DE',
    formality:
      'Use "Sie" and "Herr/Frau" with the surname unless the customer writes with "du". Titles such as "Dr." matter to many customers.',
    directness:
      'A direct, factual reply is usually welcome: state the facts, the solution and the date. A short message can be efficient, not rude, so read the content before the tone.',
    preferredChannels: ['e-mail', 'phone'],
    businessHours: { timeZone: 'Europe/Berlin', days: weekdays, open: '08:00', close: '18:00' },
    holidays: [
      { name: 'New Year', when: '1 January' },
      { name: 'Good Friday and Easter Monday', when: 'date varies' },
      { name: 'Labour Day', when: '1 May' },
      { name: 'Ascension and Whit Monday', when: 'date varies' },
      { name: 'German Unity Day', when: '3 October' },
      { name: 'Christmas', when: '25–26 December' },
    ],
    notes: [
      'Some holidays differ by federal state (for example Corpus Christi, All Saints’ Day).',
      'Precise commitments ("bis Donnerstag, 12:00 Uhr") build trust; avoid vague timelines.',
      'Be careful with personal data: many customers care strongly about privacy.',
    ],
  },
  SE: {
    country: 'SE',
    countryName: 'Sweden',
    locale: 'sv-SE',
    formality: 'First names and "du" are normal, even in service. Friendly and plain beats formal.',
    directness:
      'Be clear and honest, without exaggeration. Understated, calm language tends to land better than enthusiasm or pressure.',
    preferredChannels: ['e-mail', 'chat'],
    businessHours: {
      timeZone: 'Europe/Stockholm',
      days: weekdays,
      open: '08:00',
      close: '17:00',
      note: 'Shorter days in summer are common.',
    },
    holidays: [
      { name: 'Epiphany', when: '6 January' },
      { name: 'Easter', when: 'date varies' },
      { name: 'National Day', when: '6 June' },
      { name: 'Midsummer', when: 'Friday between 19 and 25 June' },
      { name: 'Christmas Eve to Boxing Day', when: '24–26 December' },
    ],
    notes: ['July is the main holiday month: expect slower replies and plan follow-ups around it.', 'Amounts in kronor (SEK).'],
  },
  JP: {
    country: 'JP',
    countryName: 'Japan',
    locale: 'ja-JP',
    formality:
      'Use polite, formal language and the surname with "-sama" in Japanese. In English, stay courteous and avoid slang.',
    directness:
      'A concern may be expressed gently or indirectly; read carefully for what is being asked. A sincere apology for the inconvenience is expected, even before the cause is known.',
    preferredChannels: ['e-mail', 'phone'],
    businessHours: { timeZone: 'Asia/Tokyo', days: weekdays, open: '09:00', close: '18:00' },
    holidays: [
      { name: 'New Year holidays', when: 'about 29 December – 3 January' },
      { name: 'Golden Week', when: 'late April – early May' },
      { name: 'Obon', when: 'mid-August' },
    ],
    notes: [
      'Amounts in yen have no decimals (¥32,800).',
      'Give precise dates and follow through exactly: a missed promise weighs heavily.',
    ],
  },
  US: {
    country: 'US',
    countryName: 'United States',
    locale: 'en-US',
    formality: 'First names are normal. Friendly, warm language works well.',
    directness:
      'Get to the point and say what you will do. Customers often expect a clear resolution and a sense that someone owns the problem.',
    preferredChannels: ['chat', 'e-mail', 'phone'],
    businessHours: {
      timeZone: 'America/New_York',
      days: weekdays,
      open: '09:00',
      close: '17:00',
      note: 'Six time zones: check the customer’s own zone.',
    },
    holidays: [
      { name: 'New Year’s Day', when: '1 January' },
      { name: 'Memorial Day', when: 'last Monday in May' },
      { name: 'Independence Day', when: '4 July' },
      { name: 'Labor Day', when: 'first Monday in September' },
      { name: 'Thanksgiving', when: 'fourth Thursday in November' },
      { name: 'Christmas', when: '25 December' },
    ],
    notes: [
      'Write dates as "November 26" to avoid day/month confusion.',
      'Amounts in dollars with a dot for decimals ($1,249.00).',
    ],
  },
  GB: {
    country: 'GB',
    countryName: 'United Kingdom',
    locale: 'en-GB',
    formality: 'First names are usual; a polite, warm tone works well.',
    directness:
      'Complaints are sometimes worded politely or with understatement ("a bit disappointing"); take them as seriously as a blunt one.',
    preferredChannels: ['e-mail', 'chat', 'phone'],
    businessHours: { timeZone: 'Europe/London', days: weekdays, open: '09:00', close: '17:30' },
    holidays: [
      { name: 'New Year’s Day', when: '1 January' },
      { name: 'Good Friday and Easter Monday', when: 'date varies' },
      { name: 'Bank holidays', when: 'first and last Monday in May, last Monday in August' },
      { name: 'Christmas and Boxing Day', when: '25–26 December' },
    ],
    notes: ['Write dates day first (26 November).', 'Amounts in pounds (£1,249.00).'],
  },
  BR: {
    country: 'BR',
    countryName: 'Brazil',
    locale: 'pt-BR',
    formality: 'A warm, personal tone with the first name is common; "o senhor / a senhora" for older or formal customers.',
    directness: 'Relationship matters: a friendly opening before the facts helps. Be clear about dates and what happens next.',
    preferredChannels: ['WhatsApp or chat', 'phone', 'e-mail'],
    businessHours: {
      timeZone: 'America/Sao_Paulo',
      days: weekdays,
      open: '09:00',
      close: '18:00',
      note: 'Several time zones (Manaus is an hour behind São Paulo).',
    },
    holidays: [
      { name: 'Carnival', when: 'date varies (February or March)' },
      { name: 'Tiradentes', when: '21 April' },
      { name: 'Independence Day', when: '7 September' },
      { name: 'Christmas', when: '25 December' },
    ],
    notes: [
      'Amounts in reais (R$ 1.249,00).',
      'Customers may mention PROCON, the consumer protection agency: involve a manager.',
    ],
  },
  IN: {
    country: 'IN',
    countryName: 'India',
    locale: 'en-IN',
    formality: 'A polite, respectful tone; "Mr/Ms" with the surname is a safe start unless the customer uses first names.',
    directness: 'Be clear and specific about next steps and dates. Confirm understanding in writing after a call.',
    preferredChannels: ['phone', 'WhatsApp or chat', 'e-mail'],
    businessHours: { timeZone: 'Asia/Kolkata', days: 'Monday to Saturday', open: '09:30', close: '18:30' },
    holidays: [
      { name: 'Republic Day', when: '26 January' },
      { name: 'Holi', when: 'date varies (March)' },
      { name: 'Independence Day', when: '15 August' },
      { name: 'Diwali', when: 'date varies (October or November)' },
    ],
    notes: [
      'Amounts in rupees use lakh grouping (₹1,24,900.00): format with the en-IN locale.',
      'Many regional holidays: check the customer’s state.',
    ],
  },
  FR: {
    country: 'FR',
    countryName: 'France',
    locale: 'fr-FR',
    formality: 'Use "vous" and "Madame/Monsieur"; a courteous opening and closing are expected.',
    directness: 'A well-argued, precise answer is appreciated. Acknowledge the point the customer makes before giving your own.',
    preferredChannels: ['e-mail', 'phone'],
    businessHours: {
      timeZone: 'Europe/Paris',
      days: weekdays,
      open: '09:00',
      close: '18:00',
      note: 'Lunch break around 12:30–14:00 is common.',
    },
    holidays: [
      { name: 'New Year', when: '1 January' },
      { name: 'Easter Monday', when: 'date varies' },
      { name: 'Labour Day and Victory Day', when: '1 and 8 May' },
      { name: 'Bastille Day', when: '14 July' },
      { name: 'Assumption', when: '15 August' },
      { name: 'Christmas', when: '25 December' },
    ],
    notes: ['August is the main holiday month.', 'Amounts as 1 249,00 €.'],
  },
  ES: {
    country: 'ES',
    countryName: 'Spain',
    locale: 'es-ES',
    formality: 'Use "usted" to start; many customers switch to "tú" quickly, and you can follow their lead.',
    directness: 'A warm, personal tone works well. Be clear about what you will do and when.',
    preferredChannels: ['phone', 'WhatsApp or chat', 'e-mail'],
    businessHours: {
      timeZone: 'Europe/Madrid',
      days: weekdays,
      open: '09:00',
      close: '19:00',
      note: 'The Canary Islands are an hour behind.',
    },
    holidays: [
      { name: 'Epiphany', when: '6 January' },
      { name: 'Holy Week', when: 'date varies' },
      { name: 'Assumption', when: '15 August' },
      { name: 'National Day', when: '12 October' },
      { name: 'Christmas', when: '25 December' },
    ],
    notes: ['Each region has its own holidays.', 'Amounts as 1.249,00 €.'],
  },
};

/** The notes for a country, or null when there are none yet. */
export function regionalGuidanceFor(
  country: string,
  overrides: Readonly<Record<string, RegionalGuidance>> = {},
): RegionalGuidance | null {
  const code = country.toUpperCase();
  return overrides[code] ?? regionalGuidanceDefaults[code] ?? null;
}

const dayIndex: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Whether `at` falls within the country's usual business hours (weekday range and opening times), in its time zone. */
export function isWithinBusinessHours(guidance: RegionalGuidance, at: Date | number): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: guidance.businessHours.timeZone,
  }).formatToParts(at);
  const part = (type: string) => parts.find((each) => each.type === type)?.value ?? '';
  const day = dayIndex[part('weekday')] ?? 0;
  const lastDay = guidance.businessHours.days.includes('Saturday') ? 6 : 5;
  if (day < 1 || day > lastDay) return false;
  const time = `${part('hour')}:${part('minute')}`;
  return time >= guidance.businessHours.open && time < guidance.businessHours.close;
}
