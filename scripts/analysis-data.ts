/**
 * Loading and splitting of the shared data sets for `npm run train` / `npm run eval`.
 * Split rules (fixed, seeded, documented in src/analysis/README.md):
 * - GoEmotions: the published train / dev / test files.
 * - Banking77: train.csv → 90 % train / 10 % dev by hash of the row; test.csv is the test split.
 * - Davidson and Bitext (no published split): hash of the row text with salt 'defuse-split-v1' → u in [0,1);
 *   u < 0.2 test, 0.2 ≤ u < 0.3 dev, the rest train. Training never reads test; thresholds are tuned on dev.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export type Split = 'train' | 'dev' | 'test';

export const dataDir = resolve(process.env.DEFUSE_DATA_DIR ?? join(import.meta.dirname, '..', '..', 'shared', 'data'));

export function hashUnit(key: string, salt = 'defuse-split-v1'): number {
  let h = 0x811c9dc5;
  const s = `${salt}\u0000${key}`;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

export function hashSplit(key: string): Split {
  const u = hashUnit(key);
  if (u < 0.2) return 'test';
  if (u < 0.3) return 'dev';
  return 'train';
}

export interface GoEmotionsRow {
  text: string;
  labels: Set<string>;
}

export function loadGoEmotions(split: Split): GoEmotionsRow[] | null {
  const dir = join(dataDir, 'goemotions');
  const file = join(dir, `${split}.tsv`);
  if (!existsSync(file)) return null;
  const names = readFileSync(join(dir, 'emotions.txt'), 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const rows: GoEmotionsRow[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const [text, ids] = line.split('\t');
    if (text === undefined || ids === undefined) continue;
    rows.push({ text, labels: new Set(ids.split(',').map((id) => names[Number(id)] ?? 'unknown')) });
  }
  return rows;
}

export function goEmotionsNegativeNames(): Set<string> {
  const dict = JSON.parse(readFileSync(join(dataDir, 'goemotions', 'sentiment_dict.json'), 'utf8')) as {
    negative: string[];
  };
  return new Set(dict.negative);
}

export interface DavidsonRow {
  text: string;
  /** 0 hate, 1 offensive, 2 neither */
  cls: number;
  split: Split;
}

export function loadDavidson(): DavidsonRow[] | null {
  const file = join(dataDir, 'davidson-hate-offensive', 'labeled_data.csv');
  if (!existsSync(file)) return null;
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return records.map((r) => {
    const text = r.tweet ?? '';
    return { text, cls: Number(r.class), split: hashSplit(`${r[''] ?? ''}|${text}`) };
  });
}

export interface IntentRow {
  text: string;
  intent: string;
  split: Split;
  tags: string;
}

export function loadBanking77(): IntentRow[] | null {
  const dir = join(dataDir, 'banking77');
  if (!existsSync(join(dir, 'train.csv'))) return null;
  const rows: IntentRow[] = [];
  for (const name of ['train', 'test'] as const) {
    const records = parse(readFileSync(join(dir, `${name}.csv`), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    records.forEach((r, index) => {
      const text = r.text ?? '';
      const split: Split = name === 'test' ? 'test' : hashUnit(`${index}|${text}`) < 0.1 ? 'dev' : 'train';
      rows.push({ text, intent: r.category ?? '', split, tags: '' });
    });
  }
  return rows;
}

export function loadBitext(): IntentRow[] | null {
  const file = join(dataDir, 'bitext-customer-support', 'Bitext_Sample_Customer_Support_Training_Dataset.csv');
  if (!existsSync(file)) return null;
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return records.map((r, index) => {
    const text = r.instruction ?? '';
    return { text, intent: r.intent ?? '', split: hashSplit(`${index}|${text}`), tags: r.tags ?? '' };
  });
}

// ---- label definitions shared by train and eval ----

export const B77_REFUND = new Set(['request_refund', 'Refund_not_showing_up']);
export const B77_CANCELLATION = new Set(['terminate_account']);
/** Banking77 "complaint-ish": the customer reports something that went wrong (a broken expectation). */
export const B77_COMPLAINT = new Set([
  'card_not_working',
  'contactless_not_working',
  'virtual_card_not_working',
  'declined_card_payment',
  'declined_transfer',
  'declined_cash_withdrawal',
  'transaction_charged_twice',
  'card_payment_not_recognised',
  'direct_debit_payment_not_recognised',
  'cash_withdrawal_not_recognised',
  'wrong_amount_of_cash_received',
  'card_payment_wrong_exchange_rate',
  'wrong_exchange_rate_for_cash_withdrawal',
  'extra_charge_on_statement',
  'Refund_not_showing_up',
  'transfer_not_received_by_recipient',
  'balance_not_updated_after_bank_transfer',
  'balance_not_updated_after_cheque_or_cash_deposit',
  'card_swallowed',
  'failed_transfer',
  'top_up_failed',
  'top_up_reverted',
  'reverted_card_payment?',
  'unable_to_verify_identity',
  'card_arrival',
  'pending_transfer',
  'pending_card_payment',
  'pending_top_up',
  'pending_cash_withdrawal',
]);
export const B77_CATEGORY: Record<string, string> = {};
const b77Groups: Record<string, string[]> = {
  delivery: [
    'card_arrival',
    'card_delivery_estimate',
    'get_physical_card',
    'order_physical_card',
    'getting_spare_card',
    'card_about_to_expire',
  ],
  product_defect: [
    'card_not_working',
    'contactless_not_working',
    'card_swallowed',
    'atm_support',
    'declined_card_payment',
    'declined_cash_withdrawal',
    'wrong_amount_of_cash_received',
  ],
  account_access: [
    'passcode_forgotten',
    'pin_blocked',
    'change_pin',
    'unable_to_verify_identity',
    'verify_my_identity',
    'why_verify_identity',
    'edit_personal_details',
    'terminate_account',
    'compromised_card',
    'lost_or_stolen_card',
    'lost_or_stolen_phone',
    'activate_my_card',
    'card_linking',
    'verify_source_of_funds',
    'age_limit',
  ],
  technical: [
    'apple_pay_or_google_pay',
    'virtual_card_not_working',
    'getting_virtual_card',
    'get_disposable_virtual_card',
    'disposable_card_limits',
    'top_up_failed',
    'failed_transfer',
    'declined_transfer',
    'exchange_via_app',
    'automatic_top_up',
  ],
  other: ['country_support', 'fiat_currency_support', 'supported_cards_and_currencies', 'visa_or_mastercard', 'card_acceptance'],
};
for (const [category, intents] of Object.entries(b77Groups)) for (const intent of intents) B77_CATEGORY[intent] = category;
export function b77Category(intent: string): string {
  return B77_CATEGORY[intent] ?? 'billing';
}

export const BITEXT_REFUND = new Set(['get_refund', 'track_refund']);
/** Training only: account churn (the `cancellation` head) and order cancellation (the `order_cancel` head). */
export const BITEXT_ACCOUNT_CHURN = new Set(['delete_account']);
export const BITEXT_ORDER_CANCEL = new Set(['cancel_order']);
/**
 * Complaint = the customer reports something that went wrong (the same definition as B77_COMPLAINT): Bitext's
 * `complaint` intent plus `payment_issue` ("an error with online payments") and `registration_problems` ("I can't
 * sign up"), which report a failure too. Questions and requests (review, check_invoice …) are not complaints.
 */
export const BITEXT_COMPLAINT = new Set(['complaint', 'payment_issue', 'registration_problems']);
export const BITEXT_MANAGER = new Set(['contact_human_agent']);
const BITEXT_CATEGORY: Record<string, string> = {
  create_account: 'account_access',
  delete_account: 'account_access',
  edit_account: 'account_access',
  recover_password: 'account_access',
  registration_problems: 'account_access',
  switch_account: 'account_access',
  check_cancellation_fee: 'billing',
  contact_customer_service: 'other',
  contact_human_agent: 'other',
  delivery_options: 'delivery',
  delivery_period: 'delivery',
  complaint: 'service_quality',
  review: 'service_quality',
  check_invoice: 'billing',
  get_invoice: 'billing',
  newsletter_subscription: 'other',
  cancel_order: 'other',
  change_order: 'other',
  place_order: 'other',
  track_order: 'delivery',
  check_payment_methods: 'billing',
  payment_issue: 'billing',
  check_refund_policy: 'billing',
  get_refund: 'billing',
  track_refund: 'billing',
  change_shipping_address: 'delivery',
  set_up_shipping_address: 'delivery',
};
export function bitextCategory(intent: string): string {
  return BITEXT_CATEGORY[intent] ?? 'other';
}

/** GoEmotions label groups behind our emotion heads. */
export const EMOTION_GROUPS: Record<string, string[]> = {
  anger: ['anger', 'disgust'],
  frustration: ['annoyance'],
  disappointment: ['disappointment', 'disapproval', 'sadness', 'grief', 'remorse', 'embarrassment'],
  anxiety: ['fear', 'nervousness'],
  satisfaction: ['gratitude', 'joy', 'admiration', 'approval', 'relief', 'love'],
};

// ---- sentiment sources: negative (dissatisfied) vs not, for the complaint reading and its cross-source evaluation ----

export type SentimentLanguage = 'en' | 'de' | 'fr' | 'es' | 'ro';

export interface SentimentRow {
  text: string;
  negative: boolean;
  split: Split;
}

export interface SentimentSource {
  /** stable name used in tables and in `trainedOn` */
  name: string;
  language: SentimentLanguage;
  /** `ships`: its licence lets the shipped model learn from it; `evaluation`: unknown or research-only terms. */
  use: 'ships' | 'evaluation';
  description: string;
  load(): SentimentRow[] | null;
}

interface NormalisedRow {
  text: string;
  label: string;
  lang: string;
}

function readJsonl(file: string): NormalisedRow[] | null {
  if (!existsSync(file)) return null;
  const rows: NormalisedRow[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    rows.push(JSON.parse(line) as NormalisedRow);
  }
  return rows;
}

/** Rows of normalised jsonl files (`label` is negative | not_negative), all given one split. */
function jsonlRows(files: Array<[string, Split]>, language?: string): SentimentRow[] | null {
  const out: SentimentRow[] = [];
  let found = false;
  for (const [file, split] of files) {
    const rows = readJsonl(join(dataDir, file));
    if (rows === null) continue;
    found = true;
    for (const row of rows) {
      if (language !== undefined && row.lang !== language) continue;
      if (typeof row.text !== 'string' || row.text.trim().length === 0) continue;
      out.push({ text: row.text, negative: row.label === 'negative', split });
    }
  }
  return found ? out : null;
}

function goEmotionsSentiment(): SentimentRow[] | null {
  if (loadGoEmotions('test') === null) return null;
  const negative = goEmotionsNegativeNames();
  const out: SentimentRow[] = [];
  for (const split of ['train', 'dev', 'test'] as const) {
    for (const row of loadGoEmotions(split) ?? []) {
      out.push({ text: row.text, negative: [...row.labels].some((l) => negative.has(l)), split });
    }
  }
  return out;
}

const xlmt = (language: SentimentLanguage, folder: string): SentimentSource => ({
  name: `xlmt-umsab/${language}`,
  language,
  use: 'evaluation',
  description: `XLM-T UMSAB ${folder} tweets (general Twitter; research use)`,
  load: () =>
    jsonlRows(
      [
        ['xlmt-umsab-sentiment/train.jsonl', 'test'],
        ['xlmt-umsab-sentiment/val.jsonl', 'test'],
        ['xlmt-umsab-sentiment/test.jsonl', 'test'],
      ],
      language,
    ),
});

/**
 * Every labelled sentiment source. Sources marked `evaluation` are never read by `npm run train`: every one of
 * their rows is unseen, so the whole source is its own test set. Sources that ship are split (train / dev / test).
 */
export const SENTIMENT_SOURCES: readonly SentimentSource[] = [
  {
    name: 'goemotions',
    language: 'en',
    use: 'ships',
    description: 'GoEmotions Reddit comments (negative = sentiment_dict negative emotions)',
    load: goEmotionsSentiment,
  },
  {
    name: 'tweeteval',
    language: 'en',
    use: 'evaluation',
    description: 'TweetEval sentiment tweets (val + test; licence unclear)',
    load: () =>
      jsonlRows([
        ['tweeteval-sentiment/val.jsonl', 'test'],
        ['tweeteval-sentiment/test.jsonl', 'test'],
      ]),
  },
  xlmt('en', 'English'),
  {
    name: 'crowdflower-brands',
    language: 'en',
    use: 'evaluation',
    description: 'CrowdFlower tweets about brands (Apple, SXSW; licence unknown)',
    load: () => jsonlRows([['crowdflower-brand-tweets/data.jsonl', 'test']]),
  },
  xlmt('de', 'German'),
  {
    name: 'mozetic/de',
    language: 'de',
    use: 'evaluation',
    description: 'Mozetič German tweets (negative vs positive only; licence unknown)',
    load: () => jsonlRows([['mozetic-twitter-sentiment/data.jsonl', 'test']], 'de'),
  },
  xlmt('fr', 'French'),
  xlmt('es', 'Spanish'),
  {
    name: 'mozetic/es',
    language: 'es',
    use: 'evaluation',
    description: 'Mozetič Spanish tweets (negative vs positive only; licence unknown)',
    load: () => jsonlRows([['mozetic-twitter-sentiment/data.jsonl', 'test']], 'es'),
  },
  {
    name: 'red-romanian',
    language: 'ro',
    use: 'ships',
    description: 'RED Romanian emotion tweets (anger/sadness/fear = negative; MIT)',
    load: () =>
      jsonlRows([
        ['red-romanian-emotions/train.jsonl', 'train'],
        ['red-romanian-emotions/val.jsonl', 'dev'],
        ['red-romanian-emotions/test.jsonl', 'test'],
      ]),
  },
  {
    name: 'ro-sent-products',
    language: 'ro',
    use: 'evaluation',
    description: 'RoSent product reviews (licence unknown)',
    load: () =>
      jsonlRows([
        ['ro-sent-products/train.jsonl', 'test'],
        ['ro-sent-products/test.jsonl', 'test'],
      ]),
  },
];
