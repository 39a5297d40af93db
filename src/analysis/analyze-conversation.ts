import { analyzeMessage } from './analyze-message.ts';
import { lexiconTokens } from './domain/lexicon.ts';
import { tokenize } from './domain/normalize.ts';
import type { ConversationAnalysis, ConversationEntry, IntentName, MessageAnalysis, Trend } from './domain/types.ts';
import { analysisVersion } from './version.ts';

const TREND_DELTA = 10;
const REPEAT_SIMILARITY = 0.5;
const STOP = new Set([
  'the',
  'a',
  'an',
  'i',
  'my',
  'to',
  'is',
  'it',
  'and',
  'of',
  'for',
  'you',
  'this',
  'that',
  'in',
  'on',
  'me',
  'have',
  'has',
  'was',
  'be',
  'please',
  'hi',
  'hello',
  'thanks',
  'still',
]);

function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  const tokens = lexiconTokens(text, tokenize(text.length > 20_000 ? text.slice(0, 20_000) : text));
  for (const t of tokens) if (t.kind === 'word' && t.form.length >= 3 && !STOP.has(t.form)) words.add(t.form);
  return words;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/**
 * Conversation-level reading: heat trajectory over customer messages, trend (escalating / steady / cooling: last
 * customer message vs the mean of the earlier ones, ±10 heat), peak, "feels unheard" (a customer complaint that
 * repeats an earlier one after an agent replied) and de-escalation credit (heat of the customer's next message
 * fell after an agent reply). Pure: uses stored analyses when given, analyses the text otherwise.
 */
export function analyzeConversation(entries: ReadonlyArray<ConversationEntry>): ConversationAnalysis {
  const trajectory: ConversationAnalysis['trajectory'] = [];
  const analyses = new Map<number, MessageAnalysis>();
  let unanswered = 0;
  entries.forEach((entry, index) => {
    if (entry.kind === 'agent') unanswered = 0;
    if (entry.kind !== 'customer') return;
    const analysis = entry.analysis ?? analyzeMessage(entry.text, { unansweredCustomerMessages: unanswered });
    unanswered += 1;
    analyses.set(index, analysis);
    trajectory.push({ index, at: entry.at, heat: analysis.heat });
  });

  let peak: ConversationAnalysis['peak'] = null;
  for (const point of trajectory) if (peak === null || point.heat > peak.heat) peak = { ...point };
  let trend: Trend = 'steady';
  const last = trajectory[trajectory.length - 1];
  if (last !== undefined && trajectory.length >= 2) {
    const earlier = trajectory.slice(0, -1);
    const mean = earlier.reduce((s, p) => s + p.heat, 0) / earlier.length;
    if (last.heat - mean >= TREND_DELTA) trend = 'escalating';
    else if (mean - last.heat >= TREND_DELTA) trend = 'cooling';
  }

  // feels unheard: customer message after an agent reply that repeats an earlier customer complaint
  const unheard: ConversationAnalysis['feelsUnheard']['evidence'] = [];
  const words = new Map<number, Set<string>>();
  const wordsOf = (index: number): Set<string> => {
    let w = words.get(index);
    if (w === undefined) {
      w = contentWords((entries[index] as ConversationEntry).text);
      words.set(index, w);
    }
    return w;
  };
  let agentSeen = false;
  const earlierComplaints: number[] = [];
  entries.forEach((entry, index) => {
    if (entry.kind === 'agent') {
      agentSeen = earlierComplaints.length > 0;
      return;
    }
    if (entry.kind !== 'customer') return;
    const analysis = analyses.get(index) as MessageAnalysis;
    const complaintLike = analysis.complaint.detected || analysis.intents.repeat_contact.detected || analysis.heat >= 30;
    if (agentSeen) {
      let best = { repeatsIndex: -1, similarity: 0 };
      for (const earlier of earlierComplaints) {
        const similarity = overlap(wordsOf(index), wordsOf(earlier));
        if (similarity > best.similarity) best = { repeatsIndex: earlier, similarity };
      }
      const repeats = best.similarity >= REPEAT_SIMILARITY || analysis.intents.repeat_contact.detected;
      if (repeats && complaintLike && best.repeatsIndex >= 0) {
        unheard.push({ index, repeatsIndex: best.repeatsIndex, similarity: Math.round(best.similarity * 1000) / 1000 });
      }
    }
    if (complaintLike) earlierComplaints.push(index);
  });

  // de-escalation credit: customer heat before an agent reply vs the customer's next message
  const events: ConversationAnalysis['deEscalation']['events'] = [];
  let lastCustomerHeat: number | null = null;
  let pendingAgent: { index: number; before: number } | null = null;
  entries.forEach((entry, index) => {
    if (entry.kind === 'agent' && lastCustomerHeat !== null && pendingAgent === null) {
      pendingAgent = { index, before: lastCustomerHeat };
    } else if (entry.kind === 'customer') {
      const heat = (analyses.get(index) as MessageAnalysis).heat;
      if (pendingAgent !== null) {
        const drop = pendingAgent.before - heat;
        if (drop > 0) events.push({ agentIndex: pendingAgent.index, before: pendingAgent.before, after: heat, drop });
        pendingAgent = null;
      }
      lastCustomerHeat = heat;
    }
  });
  const credit = events.reduce((s, e) => s + e.drop, 0);

  const intents = new Set<IntentName>();
  let abusive = false;
  for (const analysis of analyses.values()) {
    for (const [name, score] of Object.entries(analysis.intents)) if (score.detected) intents.add(name as IntentName);
    if (['insult', 'threat', 'harassment', 'slur'].some((k) => analysis.abuse[k as 'insult'].detected)) abusive = true;
  }

  return {
    version: analysisVersion,
    trajectory,
    trend,
    peak,
    currentHeat: last?.heat ?? 0,
    feelsUnheard: { detected: unheard.length > 0, evidence: unheard },
    deEscalation: { credit, events },
    abusive,
    intents: [...intents].sort(),
  };
}
