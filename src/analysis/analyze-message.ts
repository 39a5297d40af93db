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
  Severity,
} from './domain/types.ts';
import { BINARY_HEADS, type BinaryHead, CATEGORY_NAMES } from './model/heads.ts';
import { getModel, scoreTokens } from './model/model.ts';
import { analysisVersion } from './version.ts';

const MAX_EVIDENCE = 64;
const NEGATIVE_EMOTIONS = ['anger', 'frustration', 'disappointment', 'anxiety'] as const;
const HEAD_INDEX = Object.fromEntries(BINARY_HEADS.map((h, i) => [h, i])) as Record<BinaryHead, number>;

function noisyOr(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

function round3(x: number): number {
  return Math.round(clamp01(x) * 1000) / 1000;
}

/** Maps a model probability so that the tuned threshold lands on 0.5 (the product's detection threshold). */
function calibrate(p: number, threshold: number): number {
  return p < threshold ? (0.5 * p) / threshold : 0.5 + (0.5 * (p - threshold)) / (1 - threshold);
}

interface Accumulator {
  score: number;
  spans: Array<[number, number]>;
}

class Signals {
  readonly values = new Map<string, Accumulator>();
  add(signal: string, weight: number, span?: [number, number]): void {
    if (weight <= 0) return;
    let acc = this.values.get(signal);
    if (acc === undefined) {
      acc = { score: 0, spans: [] };
      this.values.set(signal, acc);
    }
    acc.score = noisyOr(acc.score, clamp01(weight));
    if (span !== undefined && acc.spans.length < 16 && !acc.spans.some(([a, b]) => a === span[0] && b === span[1])) {
      acc.spans.push(span);
    }
  }
  get(signal: string): number {
    return this.values.get(signal)?.score ?? 0;
  }
  spans(signal: string): Array<[number, number]> {
    return this.values.get(signal)?.spans ?? [];
  }
}

const EMOTICONS = /(>:-?\(|:'-?\(|:-?\(+|:-?\/(?![/\w])|D:|:-?\)+|:-?D\b|;-?\)|<3)/g;

function isNegativeSignal(signal: LexiconSignal): boolean {
  return (
    signal === 'emotions.anger' ||
    signal === 'emotions.frustration' ||
    signal === 'emotions.disappointment' ||
    signal === 'emotions.anxiety' ||
    signal === 'complaint'
  );
}

function sameClause(tokens: readonly Token[], from: number, to: number): boolean {
  const end = Math.min(to, tokens.length - 1);
  for (let k = Math.max(0, from); k < end; k += 1) if ((tokens[k] as Token).breakAfter) return false;
  return true;
}

function emptyScore(): Score {
  return { score: 0, detected: false };
}

export function analyzeMessage(text: string, context?: MessageContext): MessageAnalysis {
  const input = typeof text === 'string' ? text : '';
  const model = getModel();
  const baseTokens = tokenize(input);
  const tokens = lexiconTokens(input, baseTokens);
  const language = detectLanguage(input, baseTokens);
  const modelScores = scoreTokens(input, baseTokens, model);
  // The model was trained on English text; for other languages the lexicons lead.
  let wordCount = 0;
  for (const t of baseTokens) if (t.kind === 'word') wordCount += 1;
  const modelWeight = wordCount === 0 ? 0 : language.code === 'en' || language.code === 'und' ? 1 : 0.35;
  const head = (name: BinaryHead): number =>
    modelWeight * calibrate(modelScores.binary[HEAD_INDEX[name]] as number, model.header.thresholds[name]);

  // ---- lexicon matches with modifiers ----
  const matches = matchLexicon(tokens);
  const flags = new Uint8Array(tokens.length); // 1 target, 2 negator, 4 intensifier, 8 diminisher, 16 contrast, 32 end of profanity
  for (const m of matches) {
    const bit =
      m.signal === 'modifier.target'
        ? 1
        : m.signal === 'modifier.negator'
          ? 2
          : m.signal === 'modifier.intensifier'
            ? 4
            : m.signal === 'modifier.diminisher'
              ? 8
              : m.signal === 'modifier.contrast'
                ? 16
                : 0;
    if (bit !== 0) for (let k = m.first; k <= m.last; k += 1) flags[k] = (flags[k] as number) | bit;
  }
  for (const m of matches) if (m.signal === 'abuse.profanity') flags[m.last] = (flags[m.last] as number) | 32;
  let lastContrast = -1;
  let negatedSatisfaction = false;
  for (let k = 0; k < tokens.length; k += 1) if (((flags[k] as number) & 16) !== 0) lastContrast = k;

  const signals = new Signals();
  const hasFlagNear = (bit: number, from: number, to: number): boolean => {
    for (let k = Math.max(0, from); k <= Math.min(tokens.length - 1, to); k += 1) {
      if (((flags[k] as number) & bit) !== 0) return true;
    }
    return false;
  };
  const negatedAt = (first: number): boolean => {
    for (let k = first - 1; k >= Math.max(0, first - 3); k -= 1) {
      if ((tokens[k] as Token).breakAfter) return false;
      if (((flags[k] as number) & 2) !== 0) return true;
    }
    return false;
  };

  let profanityMax = 0;
  const abuseSeverity: Record<AbuseKind, number> = { profanity: 0, insult: 0, threat: 0, harassment: 0, slur: 0 };
  for (const m of matches) {
    if (m.signal.startsWith('modifier.')) continue;
    const firstToken = tokens[m.first] as Token;
    const lastToken = tokens[m.last] as Token;
    const span: [number, number] = [firstToken.start, lastToken.end];
    let weight = m.weight;
    const negated = negatedAt(m.first);
    if (m.first > 0 && hasFlagNear(4, m.first - 2, m.first - 1) && sameClause(tokens, m.first - 2, m.first)) weight *= 1.3;
    if (m.first > 0 && hasFlagNear(8, m.first - 2, m.first - 1)) weight *= 0.6;
    let caps = true;
    let letters = 0;
    for (let k = m.first; k <= m.last; k += 1) {
      const t = tokens[k] as Token;
      letters += t.letters;
      if (t.upper !== t.letters) caps = false;
    }
    if (caps && letters >= 3) weight *= 1.2;
    if (lastContrast >= 0) {
      if (m.signal === 'emotions.satisfaction' && m.last < lastContrast) weight *= 0.3;
      if (isNegativeSignal(m.signal) && m.first > lastContrast) weight *= 1.15;
    }
    const signal = m.signal;
    if (signal === 'emotions.satisfaction' && negated) {
      negatedSatisfaction = true;
      signals.add('emotions.disappointment', 0.7 * weight, span);
      signals.add('complaint', 0.35 * weight, span);
      continue;
    }
    if (negated && signal !== 'abuse.profanity' && signal !== 'abuse.slur' && !signal.startsWith('category.')) {
      weight *= signal === 'intents.repeat_contact' ? 1 : 0.25;
    }
    if (signal === 'abuse.insult' || signal === 'abuse.insult_adjective') {
      const targeted =
        (hasFlagNear(1, m.first - 3, m.first - 1) && sameClause(tokens, Math.max(0, m.first - 3), m.first)) ||
        (hasFlagNear(1, m.last + 1, m.last + 2) && sameClause(tokens, m.last, Math.min(tokens.length - 1, m.last + 2)));
      const profaneNear = m.first > 0 && hasFlagNear(32, m.first - 2, m.first - 1);
      if (signal === 'abuse.insult') {
        const score = (targeted ? 0.85 : 0.6) * weight + (profaneNear ? 0.1 : 0);
        signals.add('abuse.insult', score, span);
        abuseSeverity.insult = Math.max(abuseSeverity.insult, targeted ? (profaneNear ? 3 : 2) : 1);
        signals.add('emotions.anger', 0.45 * weight, span);
      } else if (targeted) {
        signals.add('abuse.insult', 0.75 * weight, span);
        abuseSeverity.insult = Math.max(abuseSeverity.insult, profaneNear ? 3 : 2);
        signals.add('emotions.anger', 0.35 * weight, span);
      } else {
        signals.add('emotions.frustration', 0.45 * weight, span);
        signals.add('complaint', 0.3 * weight, span);
      }
      continue;
    }
    if (signal === 'abuse.profanity') {
      signals.add('abuse.profanity', weight, span);
      profanityMax = Math.max(profanityMax, m.weight);
      signals.add('emotions.frustration', 0.5 * weight, span);
      continue;
    }
    if (signal === 'abuse.harassment') {
      signals.add('abuse.harassment', 0.9 * weight, span);
      abuseSeverity.harassment = Math.max(abuseSeverity.harassment, 3);
      signals.add('emotions.anger', 0.5 * weight, span);
      continue;
    }
    if (signal === 'abuse.threat') {
      signals.add('abuse.threat', 0.95 * weight, span);
      abuseSeverity.threat = Math.max(abuseSeverity.threat, negated ? 1 : 3);
      signals.add('emotions.anger', 0.5 * weight, span);
      continue;
    }
    if (signal === 'abuse.slur') {
      signals.add('abuse.slur', 0.95 * weight, span);
      abuseSeverity.slur = 3;
      continue;
    }
    signals.add(signal, weight, span);
  }

  // ---- shape: shouting, bursts, emoticons ----
  let capsWords = 0;
  let longWords = 0;
  const capsSpans: Array<[number, number]> = [];
  for (const t of baseTokens) {
    if (t.kind !== 'word' || t.letters < 2) continue;
    longWords += 1;
    if (t.letters >= 3 && t.upper === t.letters) {
      capsWords += 1;
      if (capsSpans.length < 8) capsSpans.push([t.start, t.end]);
    }
  }
  const shouting = capsWords >= 2 && capsWords >= 0.5 * longWords;
  if (shouting) for (const span of capsSpans) signals.add('emotions.anger', 0.3, span);
  let bursts = 0;
  const burstRe = /[!?]{2,}/g;
  for (let m = burstRe.exec(input); m !== null && bursts < 8; m = burstRe.exec(input)) {
    bursts += 1;
    const span: [number, number] = [m.index, m.index + m[0].length];
    signals.add(m[0].includes('?') ? 'emotions.frustration' : 'emotions.anger', m[0].length >= 3 ? 0.25 : 0.15, span);
  }
  let emoticons = 0;
  EMOTICONS.lastIndex = 0;
  for (let m = EMOTICONS.exec(input); m !== null && emoticons < 16; m = EMOTICONS.exec(input)) {
    emoticons += 1;
    const e = m[0];
    const span: [number, number] = [m.index, m.index + e.length];
    if (e.startsWith('>')) signals.add('emotions.anger', 0.6, span);
    else if (e.includes('(') || e === 'D:') signals.add('emotions.disappointment', 0.5, span);
    else if (e.includes('/')) signals.add('emotions.frustration', 0.35, span);
    else signals.add('emotions.satisfaction', 0.5, span);
  }
  if (context?.unansweredCustomerMessages !== undefined && context.unansweredCustomerMessages > 0) {
    signals.add('intents.repeat_contact', 0.55 + 0.1 * Math.min(3, context.unansweredCustomerMessages));
  }

  // ---- emotions: model gated by its negative head, plus lexicon ----
  const negativeModel = head('negative');
  const negativeGate = negativeModel >= 0.5;
  const modelEmotion: Record<string, number> = {};
  let bestNegative: (typeof NEGATIVE_EMOTIONS)[number] = 'frustration';
  for (const name of NEGATIVE_EMOTIONS) {
    const s = head(name);
    modelEmotion[name] = negativeGate ? s : Math.min(s, 0.45);
    if (s > head(bestNegative)) bestNegative = name;
  }
  if (negativeGate && NEGATIVE_EMOTIONS.every((name) => (modelEmotion[name] as number) < 0.5)) {
    modelEmotion[bestNegative] = Math.max(0.5, negativeModel);
  }
  const emotions = {} as Record<EmotionName, Score>;
  for (const name of NEGATIVE_EMOTIONS) {
    const score = noisyOr(modelEmotion[name] as number, signals.get(`emotions.${name}`));
    emotions[name] = { score: round3(score), detected: score >= 0.5 };
  }
  let satisfaction = noisyOr(head('satisfaction'), signals.get('emotions.satisfaction'));
  if (emotions.anger.detected || emotions.frustration.detected) satisfaction *= 0.6;
  if (negatedSatisfaction) satisfaction *= 0.3;
  const complaintSoFar = Math.max(head('complaint'), signals.get('complaint'));
  if (
    lastContrast >= 0 &&
    (emotions.disappointment.detected || emotions.frustration.detected || emotions.anger.detected || complaintSoFar >= 0.5)
  ) {
    satisfaction *= 0.4;
  }
  emotions.satisfaction = { score: round3(satisfaction), detected: satisfaction >= 0.5 };

  // ---- abuse ----
  const offensive = head('offensive');
  const abuse = {} as Record<AbuseKind, AbuseScore>;
  const severityName = (level: number): Severity => (['none', 'low', 'medium', 'high'] as const)[level] ?? 'high';
  const lexicalAbuse = ['insult', 'threat', 'harassment', 'slur'].some((k) => signals.get(`abuse.${k}`) >= 0.5);
  let profanity = signals.get('abuse.profanity');
  if (!lexicalAbuse) profanity = Math.max(profanity, offensive);
  for (const kind of ['profanity', 'insult', 'threat', 'harassment', 'slur'] as const) {
    const score = kind === 'profanity' ? profanity : signals.get(`abuse.${kind}`);
    const detected = score >= 0.5;
    let level = 0;
    if (detected) {
      level = kind === 'profanity' ? (profanityMax >= 0.6 ? 2 : 1) : Math.max(1, abuseSeverity[kind]);
      if (kind === 'insult' && score >= 0.9) level = Math.max(level, 3);
    }
    abuse[kind] = { score: round3(score), detected, severity: severityName(level) };
  }

  // ---- complaint and intents ----
  // Where the model is trusted (English), a lexicon hit must stand on its own: max, not noisy-or, so that two weak
  // signals do not add up to a detection.
  const combine = (model: number, lexicon: number): number =>
    modelWeight === 1 ? Math.max(model, lexicon) : noisyOr(model, lexicon);
  let complaint = combine(head('complaint'), signals.get('complaint'));
  if (emotions.disappointment.detected || emotions.anger.detected) complaint = noisyOr(complaint, 0.2);
  const intents = {} as Record<IntentName, Score>;
  const modelIntent: Partial<Record<IntentName, BinaryHead>> = {
    refund: 'refund',
    cancellation: 'cancellation',
    manager_request: 'manager_request',
  };
  for (const name of [
    'refund',
    'compensation',
    'cancellation',
    'legal_threat',
    'public_shaming',
    'manager_request',
    'repeat_contact',
  ] as const) {
    const headName = modelIntent[name];
    const score = combine(headName === undefined ? 0 : head(headName), signals.get(`intents.${name}`));
    intents[name] = { score: round3(score), detected: score >= 0.5 };
  }
  if (intents.repeat_contact.detected || intents.legal_threat.detected) complaint = noisyOr(complaint, 0.25);

  // ---- category ----
  let categoryName: CategoryName = 'other';
  let categoryScore = 0;
  let lexicalBest: CategoryName | null = null;
  let lexicalScore = 0;
  for (const name of CATEGORY_NAMES) {
    const s = signals.get(`category.${name}`);
    if (s > lexicalScore) {
      lexicalScore = s;
      lexicalBest = name;
    }
  }
  let modelBest = 0;
  for (let c = 1; c < CATEGORY_NAMES.length; c += 1) {
    if ((modelScores.category[c] as number) > (modelScores.category[modelBest] as number)) modelBest = c;
  }
  const modelBestScore = (modelScores.category[modelBest] as number) * modelWeight;
  const modelBestName = CATEGORY_NAMES[modelBest] ?? 'other';
  if (modelBestScore >= 0.45 && !(modelBestName === 'other' && lexicalBest !== null)) {
    categoryName = modelBestName;
    categoryScore = modelBestScore;
  } else if (lexicalBest !== null) {
    categoryName = lexicalBest;
    categoryScore = Math.min(0.9, 0.35 + 0.5 * lexicalScore);
  } else {
    categoryName = modelBestScore >= 0.3 ? modelBestName : 'other';
    categoryScore = modelBestScore >= 0.3 ? modelBestScore : 1 - modelBestScore;
  }

  // ---- heat ----
  const parts: Array<[number, number]> = [
    [emotions.anger.score, 0.32],
    [emotions.frustration.score, 0.22],
    [emotions.disappointment.score, 0.15],
    [emotions.anxiety.score, 0.1],
    [complaint, 0.18],
    [abuse.profanity.score, 0.15],
    [abuse.insult.score, 0.4],
    [abuse.threat.score, 0.7],
    [abuse.harassment.score, 0.5],
    [abuse.slur.score, 0.5],
    [intents.legal_threat.score, 0.4],
    [intents.public_shaming.score, 0.35],
    [intents.cancellation.score, 0.2],
    [intents.refund.score, 0.12],
    [intents.compensation.score, 0.1],
    [intents.manager_request.score, 0.22],
    [intents.repeat_contact.score, 0.22],
    [shouting ? 1 : 0, 0.2],
    [Math.min(1, bursts / 3), 0.12],
  ];
  let cool = 1;
  for (const [score, weight] of parts) cool *= 1 - weight * (score >= 0.5 ? score : score * 0.5);
  let heat = 100 * (1 - cool);
  const anyNegative = NEGATIVE_EMOTIONS.some((n) => emotions[n].detected) || complaint >= 0.5;
  if (!anyNegative) heat *= 1 - 0.5 * emotions.satisfaction.score;

  // ---- evidence ----
  const evidence: Evidence[] = [];
  const addEvidence = (signal: string, source: string): void => {
    for (const [start, end] of signals.spans(source)) {
      if (evidence.length >= MAX_EVIDENCE) return;
      evidence.push({ signal, start, end, text: input.slice(start, end) });
    }
  };
  for (const name of ['anger', 'frustration', 'disappointment', 'anxiety', 'satisfaction'] as const) {
    if (emotions[name].detected) addEvidence(`emotions.${name}`, `emotions.${name}`);
  }
  if (complaint >= 0.5) addEvidence('complaint', 'complaint');
  for (const kind of ['profanity', 'insult', 'threat', 'harassment', 'slur'] as const) {
    if (abuse[kind].detected) addEvidence(`abuse.${kind}`, `abuse.${kind}`);
  }
  for (const name of Object.keys(intents) as IntentName[]) {
    if (intents[name].detected) addEvidence(`intents.${name}`, `intents.${name}`);
  }
  addEvidence('category', `category.${categoryName}`);
  evidence.sort((a, b) => a.start - b.start || a.end - b.end);

  return {
    version: analysisVersion,
    heat: Math.max(0, Math.min(100, Math.round(heat))),
    language: { code: language.code, score: round3(language.score) },
    category: { name: categoryName, score: round3(categoryScore) },
    complaint: { score: round3(complaint), detected: complaint >= 0.5 },
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
