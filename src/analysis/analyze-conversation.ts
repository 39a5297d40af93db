import { analyzeMessage } from './analyze-message.ts';
import { afterAgentReply, afterCustomerMessage, type CaseHeat } from './domain/case-heat.ts';
import { lexiconTokens } from './domain/lexicon.ts';
import { tokenize } from './domain/normalize.ts';
import type {
  CategoryName,
  ConversationAnalysis,
  ConversationEntry,
  IntentName,
  MessageAnalysis,
  Trend,
} from './domain/types.ts';
import { analysisVersion } from './version.ts';

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

function hoursBetween(from: string | null, to: string): number | null {
  if (from === null) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.max(0, ms / 3_600_000) : null;
}

/**
 * Conversation-level reading: heat trajectory over customer messages, the case's heat and trend under the case
 * rules (domain/case-heat.ts: the case stays hot while the customer waits, cools on a de-escalating reply, a settled
 * customer or time after an answer), peak, "feels unheard" (a customer complaint that repeats an earlier one after
 * an agent replied), de-escalation credit (heat of the customer's next message fell after an agent reply), and the
 * category and intents of the whole case. Pure: uses stored analyses when given, analyses the text otherwise.
 */
export function analyzeConversation(entries: ReadonlyArray<ConversationEntry>): ConversationAnalysis {
  const trajectory: ConversationAnalysis['trajectory'] = [];
  const analyses = new Map<number, MessageAnalysis>();
  let unanswered = 0;
  let caseHeat: CaseHeat | null = null;
  let lastAnswerAt: string | null = null;
  let language: string | undefined;
  entries.forEach((entry, index) => {
    if (entry.kind === 'agent') {
      unanswered = 0;
      lastAnswerAt = entry.at;
      caseHeat = afterAgentReply(caseHeat, entry.text);
      return;
    }
    if (entry.kind !== 'customer') return;
    const analysis =
      entry.analysis ?? analyzeMessage(entry.text, { unansweredCustomerMessages: unanswered, languageHint: language });
    if (analysis.language.code !== 'und') language = analysis.language.code;
    caseHeat = afterCustomerMessage(caseHeat, analysis, { unanswered, hoursSinceAnswer: hoursBetween(lastAnswerAt, entry.at) });
    unanswered += 1;
    analyses.set(index, analysis);
    trajectory.push({ index, at: entry.at, heat: analysis.heat });
  });

  let peak: ConversationAnalysis['peak'] = null;
  for (const point of trajectory) if (peak === null || point.heat > peak.heat) peak = { ...point };
  const finalCase = caseHeat as CaseHeat | null;
  const trend: Trend = finalCase?.trend ?? 'steady';
  const last = trajectory[trajectory.length - 1];

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
  // The case's topic is what its messages are about taken together: a short follow-up ("any news?") adds nothing.
  const topic = new Map<CategoryName, number>();
  for (const analysis of analyses.values()) {
    if (analysis.category.name !== 'other') {
      topic.set(analysis.category.name, (topic.get(analysis.category.name) ?? 0) + analysis.category.score);
    }
    for (const [name, score] of Object.entries(analysis.intents)) if (score.detected) intents.add(name as IntentName);
    if (['insult', 'threat', 'harassment', 'slur'].some((k) => analysis.abuse[k as 'insult'].detected)) abusive = true;
  }

  let category: ConversationAnalysis['category'] = { name: 'other', score: 0 };
  let total = 0;
  let best = 0;
  for (const score of topic.values()) total += score;
  for (const [name, score] of topic) {
    if (score > best) {
      best = score;
      category = { name, score: Math.round((score / total) * 1000) / 1000 };
    }
  }

  return {
    version: analysisVersion,
    trajectory,
    trend,
    peak,
    currentHeat: finalCase?.heat ?? last?.heat ?? 0,
    category,
    feelsUnheard: { detected: unheard.length > 0, evidence: unheard },
    deEscalation: { credit, events },
    abusive,
    intents: [...intents].sort(),
  };
}
