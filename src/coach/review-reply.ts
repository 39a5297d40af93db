import { type CompiledLexicon, compileLexicon, type Lexicon, scanWithLexicon } from './lexicon.ts';
import { germanLexicon } from './lexicon-de.ts';
import { englishLexicon } from './lexicon-en.ts';
import { spanishLexicon } from './lexicon-es.ts';
import { frenchLexicon } from './lexicon-fr.ts';
import { romanianLexicon } from './lexicon-ro.ts';
import { scoreRubric } from './rubric.ts';
import {
  findAmounts,
  findPlaceholders,
  findShouting,
  isUnchangedTemplate,
  type Range,
  readAmount,
  sentenceIndexAt,
  sentenceRanges,
  sharedSpecifics,
  wordCount,
} from './text-scan.ts';
import {
  type Finding,
  type FindingKind,
  type PracticeId,
  practiceIds,
  type ReplyContext,
  type ReplyReview,
  type Severity,
  type Strength,
} from './types.ts';

/** Languages the coach reads. English has every rule; the others the core ones and the practices. */
export const coachLanguages = ['en', 'de', 'fr', 'es', 'ro'] as const;
export type CoachLanguage = (typeof coachLanguages)[number];

const lexicons: Record<CoachLanguage, Lexicon> = {
  en: englishLexicon,
  de: germanLexicon,
  fr: frenchLexicon,
  es: spanishLexicon,
  ro: romanianLexicon,
};
const compiled: Record<CoachLanguage, CompiledLexicon> = {
  en: compileLexicon(englishLexicon),
  de: compileLexicon(germanLexicon),
  fr: compileLexicon(frenchLexicon),
  es: compileLexicon(spanishLexicon),
  ro: compileLexicon(romanianLexicon),
};

const isCoachLanguage = (language: string | undefined): language is CoachLanguage =>
  language !== undefined && (coachLanguages as readonly string[]).includes(language);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const stopwordRegex = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${coachLanguages.map((language) => `(${lexicons[language].stopwords.map(escapeRegex).join('|')})`).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** The coach language a draft is written in, by its common short words; null when none stands out. */
export function guessDraftLanguage(draft: string): CoachLanguage | null {
  const counts = new Array<number>(coachLanguages.length).fill(0);
  let total = 0;
  stopwordRegex.lastIndex = 0;
  for (let match = stopwordRegex.exec(draft); match; match = stopwordRegex.exec(draft)) {
    for (let group = 1; group < match.length; group++) {
      if (match[group] !== undefined) {
        counts[group - 1] = (counts[group - 1] ?? 0) + 1;
        total++;
        break;
      }
    }
  }
  let best = -1;
  let bestCount = 0;
  counts.forEach((count, index) => {
    if (count > bestCount) {
      best = index;
      bestCount = count;
    }
  });
  if (best < 0 || bestCount < 2 || bestCount < total * 0.4) return null;
  return coachLanguages[best] ?? null;
}

const phraseSeverity: Record<FindingKind, Severity> = {
  blame: 'problem',
  arguing: 'problem',
  excuse: 'warning',
  condescension: 'problem',
  'vague-promise': 'warning',
  'absolute-promise': 'warning',
  jargon: 'info',
  shouting: 'problem',
  sarcasm: 'warning',
  'missing-acknowledgement': 'warning',
  'missing-next-step': 'warning',
  'wrong-currency': 'problem',
  'unchanged-template': 'warning',
  'unfilled-placeholder': 'problem',
};

const strengthMessages: Record<PracticeId, string> = {
  'feelings-acknowledged': 'You named how they feel. That is often what lowers the temperature first.',
  'concern-restated': 'You repeated their concern back, so they know you understood.',
  'clarifying-question': 'You asked a clear question, which shows you are listening.',
  'reassurance-given': 'You told them you will see it through.',
  'apology-owned': 'You apologised for the mistake itself, not for their feelings.',
  'next-step-with-time': 'You said what happens next and when. That is what they will hold on to.',
  'thanks-given': 'You thanked them for raising it.',
  'boundary-set': 'You set a calm boundary while still offering help.',
  'escalation-explained': 'You told them who takes it on.',
  'resolution-checked': 'You checked the problem is really solved.',
  'feedback-asked': 'You asked how it went for them.',
};

const acknowledgementSuggestion: Record<CoachLanguage, (name: string | null) => string> = {
  en: (name) =>
    `Open by naming how they feel: "${name ? `${name}, I` : 'I'} can see how frustrating this has been, and I'm sorry."`,
  de: () => 'Beginnen Sie mit dem Gefühl: „Ich kann gut verstehen, wie ärgerlich das für Sie ist, und es tut mir leid.“',
  fr: () => "Commencez par le ressenti : « Je comprends tout à fait votre agacement, et j'en suis désolé(e). »",
  es: () => 'Empiece por cómo se siente: «Entiendo perfectamente su molestia y lo siento mucho.»',
  ro: () => 'Începeți cu ce simte clientul: „Înțeleg cât de neplăcut este pentru dumneavoastră și îmi pare rău.”',
};

const nextStepSuggestion: Record<CoachLanguage, (deadline: string | null) => string> = {
  en: (deadline) =>
    `End with what happens next and when: "I'll write to you by ${deadline ?? '[day], [time] your time'} with the result."`,
  de: () =>
    'Schließen Sie mit dem nächsten Schritt und dem Zeitpunkt: „Ich melde mich bis [Tag], [Uhrzeit] mit dem Ergebnis bei Ihnen.“',
  fr: () => 'Terminez par la suite et le moment : « Je vous écris avant [jour], [heure] avec le résultat. »',
  es: () => 'Termine con el siguiente paso y cuándo: «Le escribo antes del [día], a las [hora], con el resultado.»',
  ro: () => 'Încheiați cu pasul următor și momentul: „Vă scriu până [zi], ora [oră], cu rezultatul.”',
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(timeZone: string, kind: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'short' ? { weekday: 'short', timeZone } : { weekday: 'long', day: 'numeric', month: 'long', timeZone };
    format = new Intl.DateTimeFormat('en-GB', options);
    dateFormats.set(key, format);
  }
  return format;
}

/** "Thursday 26 November, 17:00 your time": the next working day at 17:00 in the customer's zone. */
export function suggestedDeadline(context: ReplyContext): string | null {
  if (context.now === undefined) return null;
  const now = typeof context.now === 'number' ? context.now : Date.parse(context.now);
  if (!Number.isFinite(now)) return null;
  const timeZone = context.customerTimeZone ?? 'UTC';
  try {
    const weekdayOf = dateFormat(timeZone, 'short');
    let day = now + 86_400_000;
    for (let guard = 0; guard < 3; guard++) {
      const weekday = weekdayOf.format(day);
      if (weekday !== 'Sat' && weekday !== 'Sun') break;
      day += 86_400_000;
    }
    const date = dateFormat(timeZone, 'long').format(day);
    return `${date}, 17:00 your time`;
  } catch {
    return null;
  }
}

interface Scan {
  findings: Finding[];
  practiceHits: { practice: PracticeId; range: Range }[];
  commitments: Range[];
  times: Range[];
}

function scanLexicon(draft: string, lexicon: CompiledLexicon, scan: Scan): void {
  scanWithLexicon(draft, lexicon, ({ slot, start, end, text }) => {
    const range = { start, end };
    if (slot.type === 'finding') {
      scan.findings.push({
        kind: slot.kind,
        severity: phraseSeverity[slot.kind],
        start,
        end,
        text,
        message: slot.message,
        suggestion: slot.suggestion,
      });
    } else if (slot.type === 'practice') {
      scan.practiceHits.push({ practice: slot.practice, range });
    } else if (slot.type === 'commitment') {
      scan.commitments.push(range);
    } else {
      scan.times.push(range);
    }
  });
}

interface Analysis {
  draft: string;
  language: CoachLanguage | null;
  sentences: Range[];
  scan: Scan;
  practices: Map<PracticeId, Range[]>;
}

function analyse(draft: string, context: ReplyContext): Analysis {
  const language = guessDraftLanguage(draft);
  const scanned = new Set<CoachLanguage>(['en']);
  if (language) scanned.add(language);
  const customerLanguage = context.customerLanguage?.toLowerCase();
  if (isCoachLanguage(customerLanguage)) scanned.add(customerLanguage);
  const scan: Scan = { findings: [], practiceHits: [], commitments: [], times: [] };
  for (const each of scanned) scanLexicon(draft, compiled[each], scan);

  const sentences = sentenceRanges(draft);
  const practices = new Map<PracticeId, Range[]>();
  const addPractice = (practice: PracticeId, range: Range) => {
    const list = practices.get(practice);
    if (list) list.push(range);
    else practices.set(practice, [range]);
  };
  for (const hit of scan.practiceHits) addPractice(hit.practice, hit.range);

  // a commitment and a concrete time in one sentence make a next step with a time
  const timesBySentence = new Map<number, Range>();
  for (const time of scan.times) {
    const index = sentenceIndexAt(sentences, time.start);
    if (index >= 0 && !timesBySentence.has(index)) timesBySentence.set(index, time);
  }
  const credited = new Set<number>();
  for (const commitment of scan.commitments) {
    const index = sentenceIndexAt(sentences, commitment.start);
    const time = timesBySentence.get(index);
    if (index < 0 || !time || credited.has(index)) continue;
    credited.add(index);
    const sentence = sentences[index] as Range;
    addPractice('next-step-with-time', { start: sentence.start, end: sentence.end });
  }

  // a vague time is forgiven when the same sentence also gives a concrete one
  scan.findings = scan.findings.filter(
    (finding) => finding.kind !== 'vague-promise' || !timesBySentence.has(sentenceIndexAt(sentences, finding.start)),
  );

  for (const sentence of sentences) {
    if (draft.charCodeAt(sentence.end - 1) === 63 && wordCount(draft, sentence) >= 3)
      addPractice('clarifying-question', sentence);
  }

  if (context.lastCustomerMessage && !practices.has('concern-restated')) {
    const shared = sharedSpecifics(draft, context.lastCustomerMessage);
    if (shared.length >= 2) addPractice('concern-restated', shared[0] as Range);
  }

  return { draft, language, sentences, scan, practices };
}

/** The coach's practice ids found in a draft or a sent reply, in a stable order. These tick the playbook checklist. */
export function detectPractices(draft: string, context: ReplyContext = {}): PracticeId[] {
  if (typeof draft !== 'string' || draft.trim() === '') return [];
  const { practices } = analyse(draft, context);
  return practiceIds.filter((practice) => practices.has(practice));
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function formatIn(language: string | undefined, currency: string, amount: string): string | null {
  const key = `${language ?? 'en'}|${currency}`;
  try {
    let format = numberFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(language ?? 'en', { style: 'currency', currency });
      numberFormats.set(key, format);
    }
    return format.format(amount as unknown as number);
  } catch {
    return null;
  }
}

function firstName(name: string | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first && first.length <= 40 ? first : null;
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Reads a draft reply before the customer does. Pure and fast: a few precompiled, linear scans.
 * Never throws for any string; spans are UTF-16 offsets into `draft`.
 */
export function reviewReply(draft: string, context: ReplyContext = {}): ReplyReview {
  const text = typeof draft === 'string' ? draft : '';
  if (text.trim() === '') {
    return {
      findings: [],
      strengths: [],
      practices: [],
      scores: scoreRubric({ findings: [], practices: [], empty: true }),
      language: null,
    };
  }
  const analysis = analyse(text, context);
  const { language, sentences, practices } = analysis;
  const findings: Finding[] = [...analysis.scan.findings];
  const span = (range: Range) => ({ start: range.start, end: range.end, text: text.slice(range.start, range.end) });
  const heat = typeof context.customerHeat === 'number' && Number.isFinite(context.customerHeat) ? context.customerHeat : 0;
  const readable = language ?? (isCoachLanguage(context.customerLanguage) ? context.customerLanguage : null);

  for (const hit of findShouting(text)) {
    findings.push({
      kind: 'shouting',
      severity: hit.kind === 'caps' ? 'problem' : 'info',
      ...span(hit),
      message:
        hit.kind === 'caps'
          ? 'Capitals read as shouting, and an upset customer will hear them that way.'
          : 'Several exclamation marks in a row can read as raised voice or exasperation.',
      suggestion: hit.kind === 'caps' ? 'Write it in normal case; put what matters first instead.' : 'One full stop is calmer.',
    });
  }

  const customerCurrency = context.customerCurrency?.toUpperCase();
  if (customerCurrency) {
    for (const amount of findAmounts(text)) {
      if (amount.currencies.includes(customerCurrency)) continue;
      const value = readAmount(amount.number);
      const example = value ? formatIn(context.customerLanguage, customerCurrency, value) : null;
      findings.push({
        kind: 'wrong-currency',
        severity: 'problem',
        ...span(amount),
        message: `The customer pays in ${customerCurrency}, but this amount is in ${amount.currencies.join(' or ')}. Amounts they cannot match to their statement add confusion and suspicion.`,
        suggestion: example
          ? `Give the amount in ${customerCurrency}, as on their statement — for example "${example}" if that is the same sum.`
          : `Give the amount in ${customerCurrency}, as on their statement.`,
      });
    }
  }

  for (const marker of findPlaceholders(text)) {
    findings.push({
      kind: 'unfilled-placeholder',
      severity: 'problem',
      ...span(marker),
      message: 'A placeholder is still in the draft; the customer would see it as it is.',
      suggestion: 'Fill it in from the customer record, or rewrite the sentence without it.',
    });
  }

  const trimmed: Range =
    sentences.length > 0
      ? { start: (sentences[0] as Range).start, end: (sentences.at(-1) as Range).end }
      : { start: 0, end: text.length };

  if (heat >= 60 && context.insertedTemplate && isUnchangedTemplate(text, context.insertedTemplate)) {
    findings.push({
      kind: 'unchanged-template',
      severity: 'warning',
      ...span(trimmed),
      message: 'Make it personal: this is the script word for word, and an upset customer notices a generic reply.',
      suggestion:
        'Add one line only this customer could receive: what they told you, their order, and what you will do for them by when.',
    });
  }

  if (heat >= 60 && readable && !practices.has('feelings-acknowledged') && !practices.has('apology-owned')) {
    const opening = sentences[0] ?? trimmed;
    findings.push({
      kind: 'missing-acknowledgement',
      severity: heat >= 80 ? 'problem' : 'warning',
      ...span(opening),
      message: `This customer is upset (heat ${Math.round(heat)}) and the reply does not acknowledge how they feel. Until they feel heard, the solution will not land.`,
      suggestion: acknowledgementSuggestion[readable](firstName(context.customerName)),
    });
  }

  const nextStepMatters = context.step !== 'follow_up' && context.step !== 'reflect';
  const listeningWithQuestion = context.step === 'listen' && practices.has('clarifying-question');
  if (
    readable &&
    nextStepMatters &&
    !listeningWithQuestion &&
    text.trim().length >= 40 &&
    !practices.has('next-step-with-time')
  ) {
    const closing = sentences.at(-1) ?? trimmed;
    const hasVague = findings.some((finding) => finding.kind === 'vague-promise');
    if (analysis.scan.commitments.length === 0 && !hasVague && !practices.has('escalation-explained')) {
      findings.push({
        kind: 'missing-next-step',
        severity: 'warning',
        ...span(closing),
        message: 'The reply does not say what happens next. An upset customer needs to know what to expect and when.',
        suggestion: nextStepSuggestion[readable](suggestedDeadline(context)),
      });
    } else if (!hasVague) {
      findings.push({
        kind: 'missing-next-step',
        severity: 'info',
        ...span(closing),
        message: 'You say what you will do, but not when. A time makes it a promise they can count on.',
        suggestion: nextStepSuggestion[readable](suggestedDeadline(context)),
      });
    }
  }

  const deadline = suggestedDeadline(context);
  if (deadline) {
    for (const finding of findings) {
      if (finding.kind === 'vague-promise') finding.suggestion = `Name a time you can keep: "by ${deadline}".`;
    }
  }

  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind));
  const unique: Finding[] = [];
  for (const finding of findings) {
    if (unique.some((kept) => kept.kind === finding.kind && overlaps(kept, finding))) continue;
    unique.push(finding);
  }

  const strengths: Strength[] = [];
  for (const practice of practiceIds) {
    const ranges = practices.get(practice);
    if (!ranges) continue;
    const kept: Range[] = [];
    for (const range of ranges) {
      if (kept.some((other) => overlaps(other, range))) continue;
      kept.push(range);
      strengths.push({ practice, ...span(range), message: strengthMessages[practice] });
    }
  }
  strengths.sort((a, b) => a.start - b.start || a.end - b.end);

  const found = practiceIds.filter((practice) => practices.has(practice));
  const longSentences = sentences.filter((sentence) => wordCount(text, sentence) > 35).length;
  return {
    findings: unique,
    strengths,
    practices: found,
    scores: scoreRubric({ findings: unique, practices: found, longSentences }),
    language,
  };
}
