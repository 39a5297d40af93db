import { type Token, tokenize } from './normalize.ts';
import type { MessageAnalysis, Trend } from './types.ts';

/**
 * How hot a case is, as opposed to how hot its latest message is. A case stays hot while the customer is still
 * waiting: its heat falls only when an agent's reply de-escalates (acknowledges, takes ownership, gives a concrete
 * next step), when the customer says it is settled, or with time after an answer — never because the customer's
 * newest message is short. Writing again unanswered raises it. Pure; the same rule serves analyzeConversation and
 * the reading stored with each conversation (inbox order, alerts).
 */
export interface CaseHeat {
  heat: number;
  peak: number;
  trend: Trend;
}

const TREND_MARGIN = 10;
/** Heat carried over an answered case halves every day without news. */
const HALF_LIFE_HOURS = 24;
/** Each message written while still unanswered adds this much (at most three times). */
const UNANSWERED_STEP = 5;

function trendOf(before: number, after: number): Trend {
  if (after - before >= TREND_MARGIN) return 'escalating';
  if (before - after >= TREND_MARGIN) return 'cooling';
  return 'steady';
}

function clampHeat(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}

/** The customer says the matter is settled: satisfied, and nothing negative or demanding in the message. */
export function customerSettled(analysis: MessageAnalysis): boolean {
  const { emotions, abuse, intents } = analysis;
  if (!emotions.satisfaction.detected || analysis.complaint.detected) return false;
  if (emotions.anger.detected || emotions.frustration.detected || emotions.disappointment.detected) return false;
  if (Object.values(abuse).some((score) => score.detected)) return false;
  return !(intents.refund.detected || intents.legal_threat.detected || intents.public_shaming.detected);
}

export interface CustomerMessageContext {
  /** Customer messages before this one since the last agent reply (0: answered, or the first message). */
  unanswered: number;
  /** Hours from the last agent reply to this message; null when no agent has replied. */
  hoursSinceAnswer: number | null;
}

export function afterCustomerMessage(
  previous: CaseHeat | null,
  analysis: MessageAnalysis,
  context: CustomerMessageContext,
): CaseHeat {
  const own = analysis.heat;
  if (previous === null) return { heat: own, peak: own, trend: 'steady' };
  let heat: number;
  if (customerSettled(analysis) && context.unanswered === 0) heat = own;
  else {
    let carried = previous.heat;
    if (context.unanswered === 0 && context.hoursSinceAnswer !== null && context.hoursSinceAnswer > 0) {
      carried *= 0.5 ** (context.hoursSinceAnswer / HALF_LIFE_HOURS);
    }
    heat = Math.max(own, carried);
    if (context.unanswered > 0) heat += UNANSWERED_STEP * Math.min(3, context.unanswered);
  }
  const next = clampHeat(heat);
  return { heat: next, peak: Math.max(previous.peak, own, next), trend: trendOf(previous.heat, next) };
}

// What a de-escalating reply does (seeds: acknowledge, take ownership, propose a concrete next step). Words are
// folded like messages (lower case, no accents). Written by the Defuse team for the five languages we read.
const ACKNOWLEDGE = [
  'i understand',
  'i completely understand',
  'i can see why',
  'i see why',
  'i am sorry',
  'im sorry',
  'i apologise',
  'i apologize',
  'my apologies',
  'we apologise',
  'we apologize',
  'you are right',
  'youre right',
  'that must be',
  'thank you for your patience',
  'ich verstehe',
  'es tut mir leid',
  'entschuldigen sie',
  'sie haben recht',
  'je comprends',
  'je suis desole',
  'je suis desolee',
  'toutes mes excuses',
  'vous avez raison',
  'entiendo',
  'lo siento',
  'disculpe',
  'tiene razon',
  'inteleg',
  'imi pare rau',
  'ne cerem scuze',
  'aveti dreptate',
];
const OWNERSHIP = [
  'i will',
  'ill',
  'i have',
  'ive',
  'let me',
  'i am going to',
  'im going to',
  'i personally',
  'i take',
  'ich werde',
  'ich habe',
  'ich kummere mich',
  'je vais',
  'je me charge',
  "j'ai",
  'voy a',
  'me encargo',
  'ya he',
  'ma ocup',
  'voi',
  'am rezolvat',
  'am verificat',
];
const NEXT_STEP = [
  'today',
  'tomorrow',
  'by monday',
  'by friday',
  'within',
  'hours',
  'business day',
  'refund',
  'replacement',
  'tracking number',
  'call you',
  'email you',
  'update you',
  'heute',
  'morgen',
  'innerhalb',
  'erstattung',
  "aujourd'hui",
  'demain',
  'sous 24',
  'dans les',
  'remboursement',
  'hoy',
  'manana',
  'reembolso',
  'azi',
  'maine',
  'rambursare',
];

/** Text folded like the lexicons fold it (lower case, no accents, apostrophes joined: "I'll" → "ill"), space-padded. */
function folded(text: string): string {
  const tokens = tokenize(text.length > 4000 ? text.slice(0, 4000) : text);
  return ` ${tokens.map((t: Token) => t.form).join(' ')} `;
}

const foldAll = (phrases: readonly string[]) => phrases.map((phrase) => folded(phrase));
const ACKNOWLEDGE_FOLDED = foldAll(ACKNOWLEDGE);
const OWNERSHIP_FOLDED = foldAll(OWNERSHIP);
const NEXT_STEP_FOLDED = foldAll(NEXT_STEP);

function mentions(text: string, phrases: readonly string[]): boolean {
  for (const phrase of phrases) if (text.includes(phrase)) return true;
  return false;
}

export interface ReplyReading {
  acknowledgement: boolean;
  ownership: boolean;
  nextStep: boolean;
  /** what the reply leaves of the case's heat (1: nothing changes) */
  factor: number;
}

/** Reads an agent's reply for the three moves that cool a case. Two of them cool it; all three cool it most. */
export function readReply(text: string): ReplyReading {
  const t = folded(text);
  const acknowledgement = mentions(t, ACKNOWLEDGE_FOLDED);
  const ownership = mentions(t, OWNERSHIP_FOLDED);
  const nextStep = mentions(t, NEXT_STEP_FOLDED);
  const moves = Number(acknowledgement) + Number(ownership) + Number(nextStep);
  return { acknowledgement, ownership, nextStep, factor: moves >= 3 ? 0.55 : moves === 2 ? 0.75 : 1 };
}

export function afterAgentReply(previous: CaseHeat | null, text: string): CaseHeat | null {
  if (previous === null) return null;
  const heat = clampHeat(previous.heat * readReply(text).factor);
  return { heat, peak: previous.peak, trend: heat < previous.heat ? trendOf(previous.heat, heat) : 'steady' };
}
