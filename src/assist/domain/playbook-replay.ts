import { analyzeConversation, type MessageAnalysis } from '../../analysis/index.ts';
import { detectPractices } from '../../coach/index.ts';
import {
  type CustomerSignals,
  type HeatTrend,
  heatChangeThreshold,
  initialPlaybookState,
  type PlaybookEvent,
  type PlaybookState,
  playbookReducer,
} from '../../playbook/index.ts';

export interface TimelineEntry {
  kind: 'customer' | 'agent' | 'note' | 'system';
  body: string;
  at: string;
  authorId: string | null;
  analysis: MessageAnalysis | null;
  /** Practices the coach found when the reply was sent (stored with the reply). */
  practices: readonly string[] | null;
}

/** An agent's own playbook action as stored: the event without its time and author. */
export type ManualAction =
  | { type: 'item-ticked-by-hand'; itemId: string }
  | { type: 'item-unticked-by-hand'; itemId: string }
  | { type: 'step-changed-by-hand'; to: string; reason?: string }
  | { type: 'suggestion-dismissed'; id: string; reason: string }
  | { type: 'suggestion-accepted'; id: string };

export interface StoredAction {
  action: ManualAction;
  at: string;
  userId: string;
}

export function withAuthor(stored: StoredAction): PlaybookEvent {
  return { ...stored.action, at: stored.at, by: stored.userId } as PlaybookEvent;
}

function signalsOf(
  analysis: MessageAnalysis,
  previousHeat: number | null,
  feelsUnheard: boolean,
  watched: boolean,
): CustomerSignals {
  let trend: HeatTrend = 'steady';
  if (previousHeat !== null && analysis.heat - previousHeat >= heatChangeThreshold) trend = 'rising';
  if (previousHeat !== null && previousHeat - analysis.heat >= heatChangeThreshold) trend = 'falling';
  const { abuse, intents } = analysis;
  const asksForMoney = intents.refund.detected || intents.compensation.detected;
  return {
    heat: analysis.heat,
    trend,
    abuse: abuse.insult.detected || abuse.threat.detected || abuse.harassment.detected || abuse.slur.detected,
    feelsUnheard,
    intents: (Object.keys(intents) as Array<keyof typeof intents>).filter((name) => intents[name].detected),
    publicThreat: intents.public_shaming.detected,
    legalThreat: intents.legal_threat.detected,
    // A full refund plus compensation is more than any agent's policy allows.
    demandBeyondPolicy: intents.refund.detected && intents.compensation.detected,
    // A customer already on watch asking for money again: stay factual and involve a manager.
    badFaithSuspected: watched && asksForMoney,
  };
}

/**
 * The playbook of one conversation, replayed from what is stored: the timeline (customer
 * messages with their analyses, replies with the practices the coach found) and the agent's own
 * actions, in time order. Deterministic, so every screen and every node agrees on the state.
 */
export function replayPlaybook(
  timeline: readonly TimelineEntry[],
  actions: readonly StoredAction[],
  options: { customerOnWatch: boolean; resolvedAt: string | null },
): PlaybookState {
  const reading = analyzeConversation(
    timeline.map((entry) => ({ kind: entry.kind, text: entry.body, at: entry.at, analysis: entry.analysis ?? undefined })),
  );
  const unheardAt = new Set(reading.feelsUnheard.evidence.map((item) => item.index));
  const derived: PlaybookEvent[] = [];
  let previousHeat: number | null = null;
  let agentReplies = 0;
  timeline.forEach((entry, index) => {
    if (entry.kind === 'customer' && entry.analysis) {
      derived.push({
        type: 'customer-message-analysed',
        at: entry.at,
        ...signalsOf(entry.analysis, previousHeat, unheardAt.has(index), options.customerOnWatch),
      });
      previousHeat = entry.analysis.heat;
    }
    if (entry.kind === 'agent') {
      agentReplies += 1;
      derived.push({
        type: 'agent-reply-sent',
        at: entry.at,
        by: entry.authorId ?? 'unknown',
        practices: entry.practices ?? detectPractices(entry.body),
        heatBefore: previousHeat,
        agentReplyCount: agentReplies,
      });
    }
  });
  if (options.resolvedAt) derived.push({ type: 'conversation-resolved', at: options.resolvedAt });
  // Stable merge by time: on equal times the timeline comes before the agent's actions.
  const events = [
    ...derived.map((event, order) => ({ event, order })),
    ...actions.map((stored, order) => ({ event: withAuthor(stored), order: order + derived.length })),
  ]
    .sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.order - b.order))
    .map((item) => item.event);
  return events.reduce(playbookReducer, initialPlaybookState());
}
