import { detectLanguage } from './domain/language.ts';
import { type LexiconMatch, lexiconTokens, matchLexicon } from './domain/lexicon.ts';
import type { LexiconSignal } from './domain/lexicons/types.ts';
import { type Token, tokenize } from './domain/normalize.ts';
import type {
  AbuseKind,
  AbuseScore,
  CategoryName,
  EmotionName,
  Evidence,
  IntentName,
  MessageAnalysis,
  MessageContext,
  Score,
} from './domain/types.ts';
import { BINARY_HEADS, type BinaryHead, CATEGORY_NAMES } from './model/heads.ts';
import { getModel, scoreTokens } from './model/model.ts';
import { logit, READER_SIZE, readerProbability } from './model/reader.ts';
import { analysisVersion } from './version.ts';

const MAX_EVIDENCE = 64;
const MAX_SPANS = 16;
/** When the model (English) finds no negative emotion, rule-only emotion hits count only above this calibrated
 * negative score (chosen on the GoEmotions dev split, never on test). */
const GATE_FLOOR = 0.3;
const NEGATIVE_EMOTIONS = ['anger', 'frustration', 'disappointment', 'anxiety'] as const;
const EMOTION_NAMES = ['anger', 'frustration', 'disappointment', 'anxiety', 'satisfaction'] as const;
const ABUSE_KINDS = ['profanity', 'insult', 'threat', 'harassment', 'slur'] as const;
const INTENT_NAMES = [
  'refund',
  'compensation',
  'cancellation',
  'legal_threat',
  'public_shaming',
  'manager_request',
  'repeat_contact',
] as const;
const SEVERITY_NAMES = ['none', 'low', 'medium', 'high'] as const;
// Module-local copies (imported bindings can be getter reads under some loaders; this runs per message).
const HEADS = BINARY_HEADS;
const CATEGORIES = CATEGORY_NAMES;
const HEAD_INDEX = Object.fromEntries(HEADS.map((h, i) => [h, i])) as Record<BinaryHead, number>;
const H_NEGATIVE = HEAD_INDEX.negative;
const H_SATISFACTION = HEAD_INDEX.satisfaction;
const H_OFFENSIVE = HEAD_INDEX.offensive;
const H_COMPLAINT = HEAD_INDEX.complaint;
const H_REFUND = HEAD_INDEX.refund;
const H_CANCELLATION = HEAD_INDEX.cancellation;
const H_MANAGER = HEAD_INDEX.manager_request;
const NEGATIVE_EMOTION_HEADS = NEGATIVE_EMOTIONS.map((name) => HEAD_INDEX[name]);

function noisyOr(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : Math.min(x, 1);
}

function round3(x: number): number {
  return Math.round(clamp01(x) * 1000) / 1000;
}

/** Maps a model probability so that the tuned threshold lands on 0.5 (the product's detection threshold). */
function calibrate(p: number, threshold: number): number {
  return p < threshold ? (0.5 * p) / threshold : 0.5 + (0.5 * (p - threshold)) / (1 - threshold);
}

/** Every signal the rules can raise, as a dense index (lexicon signals plus the ones the rules derive). */
const SIGNAL_NAMES = [
  'emotions.anger',
  'emotions.frustration',
  'emotions.disappointment',
  'emotions.anxiety',
  'emotions.satisfaction',
  'complaint',
  'abuse.profanity',
  'abuse.insult',
  'abuse.threat',
  'abuse.harassment',
  'abuse.slur',
  'intents.refund',
  'intents.compensation',
  'intents.cancellation',
  'intents.legal_threat',
  'intents.public_shaming',
  'intents.manager_request',
  'intents.repeat_contact',
  'polarity.negative',
  'polarity.positive',
  ...CATEGORIES.map((c) => `category.${c}`),
] as const;
const SIGNAL_INDEX = new Map<string, number>(SIGNAL_NAMES.map((name, i) => [name, i]));
const sig = (name: string): number => SIGNAL_INDEX.get(name) as number;
const S_ANGER = sig('emotions.anger');
const S_FRUSTRATION = sig('emotions.frustration');
const S_DISAPPOINTMENT = sig('emotions.disappointment');
const S_SATISFACTION = sig('emotions.satisfaction');
const S_ANXIETY = sig('emotions.anxiety');
const S_COMPLAINT = sig('complaint');
const S_PROFANITY = sig('abuse.profanity');
const S_INSULT = sig('abuse.insult');
const S_THREAT = sig('abuse.threat');
const S_HARASSMENT = sig('abuse.harassment');
const S_SLUR = sig('abuse.slur');
const S_REPEAT = sig('intents.repeat_contact');
const S_LEGAL = sig('intents.legal_threat');
const S_SHAMING = sig('intents.public_shaming');
const S_COMPENSATION = sig('intents.compensation');
const S_CHURN = sig('intents.cancellation');
const S_REFUND = sig('intents.refund');
const S_MANAGER = sig('intents.manager_request');
const S_POL_NEG = sig('polarity.negative');
const S_POL_POS = sig('polarity.positive');
const S_EMOTION = EMOTION_NAMES.map((n) => sig(`emotions.${n}`));
const S_ABUSE = ABUSE_KINDS.map((k) => sig(`abuse.${k}`));
const S_INTENT = INTENT_NAMES.map((n) => sig(`intents.${n}`));
const S_CATEGORY = CATEGORIES.map((c) => sig(`category.${c}`));
const SIGNAL_COUNT = SIGNAL_NAMES.length;

/** Lexicon signal → what the rules do with it. */
const K_PLAIN = 0;
const K_MODIFIER = 1;
const K_SATISFACTION = 2;
const K_INSULT = 3;
const K_INSULT_ADJECTIVE = 4;
const K_PROFANITY = 5;
const K_HARASSMENT = 6;
const K_THREAT = 7;
const K_SLUR = 8;
const K_CATEGORY = 9;
const K_REPEAT = 10;
const K_POL_NEG = 11;
const K_POL_POS = 12;
const MODIFIER_BITS: Record<string, number> = {
  'modifier.target': 1,
  'modifier.negator': 2,
  'modifier.intensifier': 4,
  'modifier.diminisher': 8,
  'modifier.contrast': 16,
};
interface SignalRule {
  kind: number;
  /** index into the signal arrays (K_PLAIN, K_SATISFACTION, K_CATEGORY, K_REPEAT) */
  target: number;
  negative: boolean;
  modifierBit: number;
}
const ruleCache = new Map<string, SignalRule>();
function ruleFor(signal: LexiconSignal): SignalRule {
  let rule = ruleCache.get(signal);
  if (rule !== undefined) return rule;
  const negative =
    signal === 'emotions.anger' ||
    signal === 'emotions.frustration' ||
    signal === 'emotions.disappointment' ||
    signal === 'emotions.anxiety' ||
    signal === 'complaint';
  let kind = K_PLAIN;
  if (signal.startsWith('modifier.')) kind = K_MODIFIER;
  else if (signal === 'emotions.satisfaction') kind = K_SATISFACTION;
  else if (signal === 'abuse.insult') kind = K_INSULT;
  else if (signal === 'abuse.insult_adjective') kind = K_INSULT_ADJECTIVE;
  else if (signal === 'abuse.profanity') kind = K_PROFANITY;
  else if (signal === 'abuse.harassment') kind = K_HARASSMENT;
  else if (signal === 'abuse.threat') kind = K_THREAT;
  else if (signal === 'abuse.slur') kind = K_SLUR;
  else if (signal.startsWith('category.')) kind = K_CATEGORY;
  else if (signal === 'intents.repeat_contact') kind = K_REPEAT;
  else if (signal === 'polarity.negative') kind = K_POL_NEG;
  else if (signal === 'polarity.positive') kind = K_POL_POS;
  rule = { kind, target: SIGNAL_INDEX.get(signal) ?? -1, negative, modifierBit: MODIFIER_BITS[signal] ?? 0 };
  ruleCache.set(signal, rule);
  return rule;
}

/** Per-call accumulators, reused (analyzeMessage is synchronous and not re-entrant). */
const signalScores = new Float64Array(SIGNAL_COUNT);
const signalSpans: Array<number[] | null> = new Array(SIGNAL_COUNT).fill(null);
const calibrated = new Float64Array(HEADS.length);
const modelEmotionBuffer = [0, 0, 0, 0];
let flags = new Uint8Array(256);

function resetSignals(): void {
  signalScores.fill(0);
  signalSpans.fill(null);
}

function addSignal(signal: number, weight: number, start = -1, end = -1): void {
  if (weight <= 0 || signal < 0) return;
  signalScores[signal] = noisyOr(signalScores[signal] as number, Math.min(weight, 1));
  if (start < 0) return;
  let spans = signalSpans[signal];
  if (spans === null || spans === undefined) {
    spans = [];
    signalSpans[signal] = spans;
  }
  if (spans.length >= 2 * MAX_SPANS) return;
  for (let k = 0; k < spans.length; k += 2) if (spans[k] === start && spans[k + 1] === end) return;
  spans.push(start, end);
}

/** The reader's input for the last analysed message (training reads it through `lastReaderInput`). */
const readerInput = new Float64Array(READER_SIZE);
/** Training and evaluation only: the reader features of the message analysed last (overwritten by the next call). */
export function lastReaderInput(): Float64Array {
  return readerInput;
}
const LATIN_LANGUAGES = new Set(['en', 'de', 'fr', 'es', 'ro']);
/** Languages the hashed model was trained on (its word features mean something there), when its file does not say. */
const DEFAULT_MODEL_LANGUAGES: readonly string[] = ['en', 'ro'];
// Emoji and pictographs that carry a clear feeling (written by us; the tokenizer does not see them).
const NEGATIVE_EMOJI =
  /[\u{1F620}\u{1F621}\u{1F92C}\u{1F624}\u{1F612}\u{1F644}\u{1F61E}\u{1F614}\u{1F622}\u{1F62D}\u{1F4A9}\u{1F44E}\u{1F629}\u{1F62B}\u{1F926}\u{1F92E}\u{1F922}\u{1F620}\u{1F61F}\u{1F615}\u{2639}\u{1F641}\u{1F616}\u{1F623}\u{1F625}\u{1F630}\u{1F631}\u{1F494}\u{1F611}\u{1F610}\u{1F928}]/gu;
const POSITIVE_EMOJI =
  /[\u{1F600}\u{1F603}\u{1F604}\u{1F601}\u{1F60A}\u{1F642}\u{1F60D}\u{1F970}\u{1F618}\u{1F44D}\u{2764}\u{1F495}\u{1F496}\u{1F497}\u{1F389}\u{1F64F}\u{1F44F}\u{1F60E}\u{1F917}\u{1F60B}\u{1F923}\u{1F602}\u{2728}\u{1F31F}\u{1F525}\u{1F4AF}\u{1F64C}\u{263A}\u{1F607}\u{1F60C}]/gu;

/** Plain Latin letters only (no accents, no other script): short texts like this are English unless told otherwise. */
const NOT_PLAIN_LATIN = /[\u0080-\u1fff\u2c00-\ud7ff\uf900-\ufefe]/;

/**
 * The text's own evidence first; when it is too short to tell, the customer's earlier messages or profile
 * (context.languageHint); failing that, a short text in plain Latin letters is English.
 */
function languageOf(input: string, tokens: readonly Token[], wordCount: number, hint: string | undefined) {
  const detected = detectLanguage(input, tokens);
  if (detected.score >= 0.5 || wordCount === 0) return detected;
  if (hint !== undefined && LATIN_LANGUAGES.has(hint) && (detected.code === 'und' || LATIN_LANGUAGES.has(detected.code))) {
    return { code: hint, score: 0.5 };
  }
  if (detected.code === 'und' && !NOT_PLAIN_LATIN.test(input.length > 400 ? input.slice(0, 400) : input)) {
    return { code: 'en', score: 0.3 };
  }
  return detected;
}

const PICTOGRAPH = /[\u2600-\u27bf\ud83c-\ud83e]/;

function countMatches(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text) !== null && n < 16) n += 1;
  return n;
}

const EMOTICONS = /(>:-?\(|:'-?\(|:-?\(+|:-?\/(?![/\w])|D:|:-?\)+|:-?D\b|;-?\)|<3)/g;
const BURSTS = /[!?]{2,}/g;

function sameClause(tokens: readonly Token[], from: number, to: number): boolean {
  const end = Math.min(to, tokens.length - 1);
  for (let k = Math.max(0, from); k < end; k += 1) if ((tokens[k] as Token).breakAfter) return false;
  return true;
}

function hasFlagNear(tokenCount: number, bit: number, from: number, to: number): boolean {
  const last = Math.min(to, tokenCount - 1);
  for (let k = Math.max(from, 0); k <= last; k += 1) if (((flags[k] as number) & bit) !== 0) return true;
  return false;
}

function negatedAt(tokens: readonly Token[], first: number): boolean {
  for (let k = first - 1; k >= 0 && k >= first - 3; k -= 1) {
    if ((tokens[k] as Token).breakAfter) return false;
    if (((flags[k] as number) & 2) !== 0) return true;
  }
  return false;
}

/** One signal's share of the heat (noisy-or of weighted scores; undetected scores count half). */
function heatFactor(value: number, weight: number): number {
  return 1 - weight * (value >= 0.5 ? value : value * 0.5);
}

function addEvidence(evidence: Evidence[], input: string, signal: string, source: number): void {
  const spans = signalSpans[source];
  if (spans === null || spans === undefined) return;
  for (let k = 0; k < spans.length && evidence.length < MAX_EVIDENCE; k += 2) {
    const start = spans[k] as number;
    const end = spans[k + 1] as number;
    evidence.push({ signal, start, end, text: input.slice(start, end) });
  }
}

function byOffset(a: Evidence, b: Evidence): number {
  return a.start - b.start || a.end - b.end;
}

function emptyScore(): Score {
  return { score: 0, detected: false };
}

/** The shown score rounds to 3 places without crossing the threshold: 0.4996 is 0.499, not a "0.5 undetected". */
function shownScore(value: number): number {
  const rounded = round3(value);
  return value >= 0.5 ? Math.max(rounded, 0.5) : Math.min(rounded, 0.499);
}

function score(value: number): Score {
  return { score: shownScore(value), detected: value >= 0.5 };
}

export function analyzeMessage(text: string, context?: MessageContext): MessageAnalysis {
  const input = typeof text === 'string' ? text : '';
  const model = getModel();
  const baseTokens = tokenize(input);
  const tokens = lexiconTokens(input, baseTokens);
  const matches = matchLexicon(tokens);
  const modelScores = scoreTokens(input, baseTokens, tokens, matches, model);
  let wordCount = 0;
  for (let k = 0; k < baseTokens.length; k += 1) if ((baseTokens[k] as Token).kind === 'word') wordCount += 1;
  const language = languageOf(input, baseTokens, wordCount, context?.languageHint);
  // The model was trained on English text; for other languages the lexicons lead.
  const modelWeight = wordCount === 0 ? 0 : language.code === 'en' || language.code === 'und' ? 1 : 0.35;
  const thresholds = model.header.thresholds;
  for (let k = 0; k < HEADS.length; k += 1) {
    calibrated[k] = modelWeight * calibrate(modelScores.binary[k] as number, thresholds[HEADS[k] as BinaryHead]);
  }

  // ---- lexicon matches with modifiers ----
  const tokenCount = tokens.length;
  if (flags.length < tokenCount) flags = new Uint8Array(Math.max(tokenCount, 2 * flags.length));
  flags.fill(0, 0, tokenCount); // 1 target, 2 negator, 4 intensifier, 8 diminisher, 16 contrast, 32 end of profanity
  for (let i = 0; i < matches.length; i += 1) {
    const m = matches[i] as LexiconMatch;
    const rule = ruleFor(m.signal);
    if (rule.modifierBit !== 0) for (let k = m.first; k <= m.last; k += 1) flags[k] = (flags[k] as number) | rule.modifierBit;
    if (rule.kind === K_PROFANITY) flags[m.last] = (flags[m.last] as number) | 32;
  }
  let lastContrast = -1;
  let negatedSatisfaction = false;
  for (let k = 0; k < tokenCount; k += 1) if (((flags[k] as number) & 16) !== 0) lastContrast = k;

  resetSignals();
  let profanityMax = 0;
  let severityInsult = 0;
  let severityThreat = 0;
  let severityHarassment = 0;
  let severitySlur = 0;
  let negativeWords = 0;
  let positiveWords = 0;
  let negations = 0;
  for (let k = 0; k < tokenCount; k += 1) if (((flags[k] as number) & 2) !== 0) negations += 1;
  for (let i = 0; i < matches.length; i += 1) {
    const m = matches[i] as LexiconMatch;
    const rule = ruleFor(m.signal);
    if (rule.kind === K_MODIFIER) continue;
    const start = (tokens[m.first] as Token).start;
    const end = (tokens[m.last] as Token).end;
    let weight = m.weight;
    const negated = negatedAt(tokens, m.first);
    if (m.first > 0 && hasFlagNear(tokenCount, 4, m.first - 2, m.first - 1) && sameClause(tokens, m.first - 2, m.first)) {
      weight *= 1.3;
    }
    if (m.first > 0 && hasFlagNear(tokenCount, 8, m.first - 2, m.first - 1)) weight *= 0.6;
    let caps = true;
    let letters = 0;
    for (let k = m.first; k <= m.last; k += 1) {
      const t = tokens[k] as Token;
      letters += t.letters;
      if (t.upper !== t.letters) caps = false;
    }
    if (caps && letters >= 3) weight *= 1.2;
    if (lastContrast >= 0) {
      if (rule.kind === K_SATISFACTION && m.last < lastContrast) weight *= 0.3;
      if (rule.negative && m.first > lastContrast) weight *= 1.15;
    }
    if (rule.kind === K_POL_NEG || rule.kind === K_POL_POS) {
      // A word of another language we read counts half (loan words and look-alikes: "fast", "retard").
      if (m.language !== language.code && LATIN_LANGUAGES.has(language.code)) weight *= 0.5;
      if (rule.kind === K_POL_NEG) {
        if (negated) addSignal(S_POL_POS, 0.25 * weight);
        else {
          addSignal(S_POL_NEG, 0.6 * weight, start, end);
          negativeWords += 1;
        }
      } else if (negated) {
        // "not good", "nicht zufrieden", "pas terrible" reads as negative
        addSignal(S_POL_NEG, 0.5 * weight, start, end);
        negativeWords += 1;
      } else {
        if (lastContrast >= 0 && m.last < lastContrast) weight *= 0.3;
        addSignal(S_POL_POS, 0.6 * weight);
        positiveWords += 1;
      }
      continue;
    }
    if (rule.kind === K_SATISFACTION && negated) {
      negatedSatisfaction = true;
      addSignal(S_DISAPPOINTMENT, 0.7 * weight, start, end);
      addSignal(S_COMPLAINT, 0.35 * weight, start, end);
      continue;
    }
    if (negated && rule.kind !== K_PROFANITY && rule.kind !== K_SLUR && rule.kind !== K_CATEGORY && rule.kind !== K_REPEAT) {
      weight *= 0.25;
    }
    switch (rule.kind) {
      case K_INSULT:
      case K_INSULT_ADJECTIVE: {
        const targeted =
          (hasFlagNear(tokenCount, 1, m.first - 3, m.first - 1) && sameClause(tokens, Math.max(0, m.first - 3), m.first)) ||
          (hasFlagNear(tokenCount, 1, m.last + 1, m.last + 2) &&
            sameClause(tokens, m.last, Math.min(tokenCount - 1, m.last + 2)));
        const profaneNear = m.first > 0 && hasFlagNear(tokenCount, 32, m.first - 2, m.first - 1);
        if (rule.kind === K_INSULT) {
          addSignal(S_INSULT, (targeted ? 0.85 : 0.6) * weight + (profaneNear ? 0.1 : 0), start, end);
          severityInsult = Math.max(severityInsult, targeted ? (profaneNear ? 3 : 2) : 1);
          addSignal(S_ANGER, 0.45 * weight, start, end);
        } else if (targeted) {
          addSignal(S_INSULT, 0.75 * weight, start, end);
          severityInsult = Math.max(severityInsult, profaneNear ? 3 : 2);
          addSignal(S_ANGER, 0.35 * weight, start, end);
        } else {
          addSignal(S_FRUSTRATION, 0.45 * weight, start, end);
          addSignal(S_COMPLAINT, 0.3 * weight, start, end);
        }
        break;
      }
      case K_PROFANITY:
        addSignal(S_PROFANITY, weight, start, end);
        profanityMax = Math.max(profanityMax, m.weight);
        addSignal(S_FRUSTRATION, 0.5 * weight, start, end);
        break;
      case K_HARASSMENT:
        addSignal(S_HARASSMENT, 0.9 * weight, start, end);
        severityHarassment = 3;
        addSignal(S_ANGER, 0.5 * weight, start, end);
        break;
      case K_THREAT:
        addSignal(S_THREAT, 0.95 * weight, start, end);
        severityThreat = Math.max(severityThreat, negated ? 1 : 3);
        addSignal(S_ANGER, 0.5 * weight, start, end);
        break;
      case K_SLUR:
        addSignal(S_SLUR, 0.95 * weight, start, end);
        severitySlur = 3;
        break;
      default:
        addSignal(rule.target, weight, start, end);
    }
  }

  // ---- shape: shouting, bursts, emoticons ----
  let capsWords = 0;
  let longWords = 0;
  for (let k = 0; k < baseTokens.length; k += 1) {
    const t = baseTokens[k] as Token;
    if (t.kind !== 'word' || t.letters < 2) continue;
    longWords += 1;
    if (t.letters >= 3 && t.upper === t.letters) capsWords += 1;
  }
  const shouting = capsWords >= 2 && capsWords >= 0.5 * longWords;
  if (shouting) {
    let spans = 0;
    for (let k = 0; k < baseTokens.length && spans < 8; k += 1) {
      const t = baseTokens[k] as Token;
      if (t.kind === 'word' && t.letters >= 3 && t.upper === t.letters) {
        addSignal(S_ANGER, 0.3, t.start, t.end);
        spans += 1;
      }
    }
  }
  let bursts = 0;
  if (input.includes('!!') || input.includes('??') || input.includes('!?') || input.includes('?!')) {
    BURSTS.lastIndex = 0;
    for (let m = BURSTS.exec(input); m !== null && bursts < 8; m = BURSTS.exec(input)) {
      bursts += 1;
      const burst = m[0];
      addSignal(burst.includes('?') ? S_FRUSTRATION : S_ANGER, burst.length >= 3 ? 0.25 : 0.15, m.index, m.index + burst.length);
    }
  }
  let emoticonNegative = 0;
  let emoticonPositive = 0;
  if (input.includes(':') || input.includes(';') || input.includes('<3')) {
    let emoticons = 0;
    EMOTICONS.lastIndex = 0;
    for (let m = EMOTICONS.exec(input); m !== null && emoticons < 16; m = EMOTICONS.exec(input)) {
      emoticons += 1;
      const e = m[0];
      const start = m.index;
      const end = m.index + e.length;
      if (e.startsWith('>')) addSignal(S_ANGER, 0.6, start, end);
      else if (e.includes('(') || e === 'D:') addSignal(S_DISAPPOINTMENT, 0.5, start, end);
      else if (e.includes('/')) addSignal(S_FRUSTRATION, 0.35, start, end);
      else addSignal(S_SATISFACTION, 0.5, start, end);
      if (e.startsWith('>') || e.includes('(') || e === 'D:' || e.includes('/')) emoticonNegative += 1;
      else emoticonPositive += 1;
    }
  }
  if (context?.unansweredCustomerMessages !== undefined && context.unansweredCustomerMessages > 0) {
    addSignal(S_REPEAT, 0.55 + 0.1 * Math.min(3, context.unansweredCustomerMessages));
  }

  // Where the model is trusted (English) it already sees every lexicon hit as a feature: a lexicon hit must then
  // stand on its own (max, not noisy-or), so that weak rule signals do not pile onto the model's own judgement.
  const trusted = modelWeight === 1;
  const combine = trusted ? Math.max : noisyOr;

  const lexicalAbuse =
    (signalScores[S_INSULT] as number) >= 0.5 ||
    (signalScores[S_THREAT] as number) >= 0.5 ||
    (signalScores[S_HARASSMENT] as number) >= 0.5 ||
    (signalScores[S_SLUR] as number) >= 0.5;

  // ---- emotions: model gated by its negative head, plus lexicon ----
  const negativeModel = calibrated[H_NEGATIVE] as number;
  const negativeGate = negativeModel >= 0.5;
  const emotions = {} as Record<EmotionName, Score>;
  let bestNegative = 0;
  let bestNegativeScore = -1;
  const modelEmotion = modelEmotionBuffer;
  for (let e = 0; e < NEGATIVE_EMOTIONS.length; e += 1) {
    const s = calibrated[NEGATIVE_EMOTION_HEADS[e] as number] as number;
    modelEmotion[e] = negativeGate ? s : Math.min(s, 0.45);
    if (s > bestNegativeScore) {
      bestNegativeScore = s;
      bestNegative = e;
    }
  }
  if (negativeGate && Math.max(...modelEmotion) < 0.5) modelEmotion[bestNegative] = Math.max(0.5, negativeModel);
  let anyNegativeEmotion = false;
  // Below the floor (and without insults, threats, harassment or slurs) a rule hit still raises the score (and heat) but cannot reach detection on its own.
  const ruleEmotionWeight = trusted && !negativeGate && !lexicalAbuse && negativeModel < GATE_FLOOR ? 0.49 : 1;
  for (let e = 0; e < NEGATIVE_EMOTIONS.length; e += 1) {
    const value = combine(modelEmotion[e] as number, ruleEmotionWeight * (signalScores[S_EMOTION[e] as number] as number));
    if (value >= 0.5) anyNegativeEmotion = true;
    emotions[NEGATIVE_EMOTIONS[e] as EmotionName] = score(value);
  }
  let satisfaction = noisyOr(calibrated[H_SATISFACTION] as number, signalScores[S_SATISFACTION] as number);
  if (emotions.anger.detected || emotions.frustration.detected) satisfaction *= 0.6;
  if (negatedSatisfaction) satisfaction *= 0.3;
  const complaintSoFar = Math.max(calibrated[H_COMPLAINT] as number, signalScores[S_COMPLAINT] as number);
  if (
    lastContrast >= 0 &&
    (emotions.disappointment.detected || emotions.frustration.detected || emotions.anger.detected || complaintSoFar >= 0.5)
  ) {
    satisfaction *= 0.4;
  }
  emotions.satisfaction = score(satisfaction);

  // ---- abuse ----
  const offensive = calibrated[H_OFFENSIVE] as number;
  const abuse = {} as Record<AbuseKind, AbuseScore>;
  let profanity = signalScores[S_PROFANITY] as number;
  if (!lexicalAbuse) profanity = Math.max(profanity, offensive);
  const severities = [0, severityInsult, severityThreat, severityHarassment, severitySlur];
  for (let a = 0; a < ABUSE_KINDS.length; a += 1) {
    const value = a === 0 ? profanity : (signalScores[S_ABUSE[a] as number] as number);
    const detected = value >= 0.5;
    let level = 0;
    if (detected) {
      level = a === 0 ? (profanityMax >= 0.6 ? 2 : 1) : Math.max(1, severities[a] as number);
      if (a === 1 && value >= 0.9) level = Math.max(level, 3);
    }
    abuse[ABUSE_KINDS[a] as AbuseKind] = { score: shownScore(value), detected, severity: SEVERITY_NAMES[level] ?? 'high' };
  }

  // ---- complaint and intents ----
  let complaint = combine(calibrated[H_COMPLAINT] as number, signalScores[S_COMPLAINT] as number);
  if (emotions.disappointment.detected || emotions.anger.detected) complaint = noisyOr(complaint, 0.2);
  const intents = {} as Record<IntentName, Score>;
  for (let n = 0; n < INTENT_NAMES.length; n += 1) {
    const name = INTENT_NAMES[n] as IntentName;
    let modelScore = 0;
    if (name === 'refund') modelScore = calibrated[H_REFUND] as number;
    // Cancellation means churn: the customer leaving (account, subscription, contract). Asking to
    // cancel one order is a request, not a threat to leave, and is read by its own head.
    else if (name === 'cancellation') modelScore = calibrated[H_CANCELLATION] as number;
    else if (name === 'manager_request') modelScore = calibrated[H_MANAGER] as number;
    intents[name] = score(combine(modelScore, signalScores[S_INTENT[n] as number] as number));
  }
  if (intents.repeat_contact.detected || intents.legal_threat.detected) complaint = noisyOr(complaint, 0.25);

  // ---- the dissatisfaction reader: is the customer dissatisfied (any language, with or without complaint words)? ----
  const x = readerInput;
  const known = language.code === 'und' || (model.header.languages ?? DEFAULT_MODEL_LANGUAGES).includes(language.code);
  x[0] = known && wordCount > 0 ? logit(modelScores.binary[H_NEGATIVE] as number) : 0;
  x[1] = known ? 0 : 1;
  x[2] = known && wordCount > 0 ? logit(modelScores.binary[H_COMPLAINT] as number) : 0;
  x[3] = signalScores[S_POL_NEG] as number;
  x[4] = Math.log1p(negativeWords);
  x[5] = signalScores[S_POL_POS] as number;
  x[6] = Math.log1p(positiveWords);
  x[7] = (negativeWords - positiveWords) / Math.sqrt(Math.max(1, wordCount));
  x[8] = signalScores[S_COMPLAINT] as number;
  x[9] = Math.max(
    signalScores[S_ANGER] as number,
    signalScores[S_FRUSTRATION] as number,
    signalScores[S_DISAPPOINTMENT] as number,
    signalScores[S_ANXIETY] as number,
  );
  x[10] = signalScores[S_SATISFACTION] as number;
  x[11] = Math.max(
    signalScores[S_INSULT] as number,
    signalScores[S_THREAT] as number,
    signalScores[S_HARASSMENT] as number,
    signalScores[S_SLUR] as number,
  );
  x[12] = signalScores[S_PROFANITY] as number;
  x[13] = Math.max(
    signalScores[S_LEGAL] as number,
    signalScores[S_SHAMING] as number,
    signalScores[S_REPEAT] as number,
    signalScores[S_COMPENSATION] as number,
    signalScores[S_CHURN] as number,
  );
  x[14] = Math.max(signalScores[S_REFUND] as number, signalScores[S_MANAGER] as number);
  x[15] = shouting ? 1 : 0;
  x[16] = Math.min(1, bursts / 2);
  // One native scan decides whether the two emoji counts need their own passes (most messages have no pictograph).
  const pictographs = PICTOGRAPH.test(input);
  x[17] = Math.min(3, (pictographs ? countMatches(NEGATIVE_EMOJI, input) : 0) + emoticonNegative);
  x[18] = Math.min(3, (pictographs ? countMatches(POSITIVE_EMOJI, input) : 0) + emoticonPositive);
  x[19] = lastContrast >= 0 ? 1 : 0;
  x[20] = Math.min(3, negations);
  x[21] = input.includes('?') ? 1 : 0;
  const reader = model.header.reader;
  if (reader !== undefined && wordCount + (x[17] as number) + (x[18] as number) > 0) {
    complaint = calibrate(
      readerProbability(x, reader),
      known ? reader.threshold : (reader.thresholdWithoutModel ?? reader.threshold),
    );
    // Threats to sue or to write again unanswered, and insults, are dissatisfaction whatever the wording.
    if (intents.repeat_contact.detected || intents.legal_threat.detected || lexicalAbuse) complaint = Math.max(complaint, 0.6);
    // A strong verdict or problem report stands on its own ("would not recommend", "funktioniert nicht").
    if ((signalScores[S_COMPLAINT] as number) >= 0.6) complaint = Math.max(complaint, 0.55);
  }

  // ---- category ----
  let categoryName: CategoryName = 'other';
  let categoryScore = 0;
  let lexicalBest = -1;
  let lexicalScore = 0;
  for (let c = 0; c < CATEGORIES.length; c += 1) {
    const s = signalScores[S_CATEGORY[c] as number] as number;
    if (s > lexicalScore) {
      lexicalScore = s;
      lexicalBest = c;
    }
  }
  const categoryProbs = modelScores.category;
  let modelBest = 0;
  for (let c = 1; c < CATEGORIES.length; c += 1) {
    if ((categoryProbs[c] as number) > (categoryProbs[modelBest] as number)) modelBest = c;
  }
  const modelBestScore = (categoryProbs[modelBest] as number) * modelWeight;
  const modelBestName = CATEGORIES[modelBest] ?? 'other';
  if (modelBestScore >= 0.45 && !(modelBestName === 'other' && lexicalBest >= 0)) {
    categoryName = modelBestName;
    categoryScore = modelBestScore;
  } else if (lexicalBest >= 0) {
    categoryName = CATEGORIES[lexicalBest] ?? 'other';
    categoryScore = Math.min(0.9, 0.35 + 0.5 * lexicalScore);
  } else {
    categoryName = modelBestScore >= 0.3 ? modelBestName : 'other';
    categoryScore = modelBestScore >= 0.3 ? modelBestScore : 1 - modelBestScore;
  }

  // ---- heat ----
  let cool = 1;
  cool *= heatFactor(emotions.anger.score, 0.32);
  cool *= heatFactor(emotions.frustration.score, 0.22);
  cool *= heatFactor(emotions.disappointment.score, 0.15);
  cool *= heatFactor(emotions.anxiety.score, 0.1);
  cool *= heatFactor(complaint, 0.25);
  cool *= heatFactor(abuse.profanity.score, 0.15);
  cool *= heatFactor(abuse.insult.score, 0.4);
  cool *= heatFactor(abuse.threat.score, 0.7);
  cool *= heatFactor(abuse.harassment.score, 0.5);
  cool *= heatFactor(abuse.slur.score, 0.5);
  cool *= heatFactor(intents.legal_threat.score, 0.4);
  cool *= heatFactor(intents.public_shaming.score, 0.35);
  cool *= heatFactor(intents.cancellation.score, 0.2);
  cool *= heatFactor(intents.refund.score, 0.12);
  cool *= heatFactor(intents.compensation.score, 0.1);
  cool *= heatFactor(intents.manager_request.score, 0.22);
  cool *= heatFactor(intents.repeat_contact.score, 0.22);
  cool *= heatFactor(shouting ? 1 : 0, 0.2);
  cool *= heatFactor(Math.min(1, bursts / 3), 0.12);
  let heat = 100 * (1 - cool);
  if (!(anyNegativeEmotion || complaint >= 0.5)) heat *= 1 - 0.5 * emotions.satisfaction.score;
  // Heat bands (README): 0–19 calm, 20–39 dissatisfied, 40–59 upset, 60–79 angry, 80–100 hostile. Any dissatisfied
  // message is hotter than any calm one: the complaint reading sets the floor, and a message that is neither
  // dissatisfied nor abusive nor threatening stays below 20.
  const upset = complaint >= 0.5 || anyNegativeEmotion || lexicalAbuse || intents.legal_threat.detected;
  heat = Math.max(heat, 40 * complaint);
  if (upset) heat = Math.max(heat, 20);
  else heat = Math.min(heat, 19);

  // ---- evidence ----
  const evidence: Evidence[] = [];
  for (let e = 0; e < EMOTION_NAMES.length; e += 1) {
    if (emotions[EMOTION_NAMES[e] as EmotionName].detected)
      addEvidence(evidence, input, SIGNAL_NAMES[S_EMOTION[e] as number] as string, S_EMOTION[e] as number);
  }
  if (complaint >= 0.5) addEvidence(evidence, input, 'complaint', S_COMPLAINT);
  for (let a = 0; a < ABUSE_KINDS.length; a += 1) {
    if (abuse[ABUSE_KINDS[a] as AbuseKind].detected)
      addEvidence(evidence, input, SIGNAL_NAMES[S_ABUSE[a] as number] as string, S_ABUSE[a] as number);
  }
  for (let n = 0; n < INTENT_NAMES.length; n += 1) {
    if (intents[INTENT_NAMES[n] as IntentName].detected)
      addEvidence(evidence, input, SIGNAL_NAMES[S_INTENT[n] as number] as string, S_INTENT[n] as number);
  }
  addEvidence(evidence, input, 'category', S_CATEGORY[CATEGORIES.indexOf(categoryName)] as number);
  if (evidence.length > 1) evidence.sort(byOffset);

  return {
    version: analysisVersion,
    heat: Math.max(0, Math.min(100, Math.round(heat))),
    language: { code: language.code, score: round3(language.score) },
    category: { name: categoryName, score: round3(categoryScore) },
    complaint: score(complaint),
    emotions,
    abuse,
    intents,
    evidence,
  };
}

export function emptyAnalysisScore(): Score {
  return emptyScore();
}

export type { LexiconMatch };
