import {
  afterAgentReply,
  afterCustomerMessage,
  analyzeMessage,
  type CustomerMessageContext,
  type MessageAnalysis,
  type Trend,
} from '../../analysis/index.ts';

/** What the inbox shows about a case at a glance, kept beside it and updated with each customer message. */
export const conversationFlags = ['abuse', 'threat', 'legal_threat', 'public_shaming'] as const;
export type ConversationFlag = (typeof conversationFlags)[number];

export interface HeatReading {
  heat: number;
  peakHeat: number;
  trend: Trend;
  /** Sum and count of customer-message heat before and including the latest. */
  heatSum: number;
  heatCount: number;
  flags: ConversationFlag[];
  language: string | null;
  category: string | null;
}

export const calmReading: HeatReading = {
  heat: 0,
  peakHeat: 0,
  trend: 'steady',
  heatSum: 0,
  heatCount: 0,
  flags: [],
  language: null,
  category: null,
};

export function flagsOf(analysis: MessageAnalysis): ConversationFlag[] {
  const flags: ConversationFlag[] = [];
  const { abuse, intents } = analysis;
  if (abuse.insult.detected || abuse.harassment.detected || abuse.slur.detected || abuse.threat.detected) flags.push('abuse');
  if (abuse.threat.detected) flags.push('threat');
  if (intents.legal_threat.detected) flags.push('legal_threat');
  if (intents.public_shaming.detected) flags.push('public_shaming');
  return flags;
}

/** The kinds of abuse detected in a message, worst first, for the managers' alert. */
export function abuseKindsOf(analysis: MessageAnalysis): string[] {
  const order = { high: 3, medium: 2, low: 1, none: 0 } as const;
  return (Object.entries(analysis.abuse) as Array<[string, MessageAnalysis['abuse']['insult']]>)
    .filter(([, score]) => score.detected)
    .sort((a, b) => order[b[1].severity] - order[a[1].severity])
    .map(([kind]) => kind);
}

/** A message that crossed into abuse: managers are told at once, and the agent sees a banner. */
export function isAbusive(analysis: MessageAnalysis): boolean {
  return flagsOf(analysis).includes('abuse');
}

/**
 * The reading after one more customer message, under the case rules the conversation analysis uses (the case stays
 * hot while the customer waits; see analysis/domain/case-heat.ts). Flags, once raised in a case, stay raised. The
 * topic changes only when the new message names one ('other' never replaces a known topic).
 */
export function nextReading(
  previous: HeatReading,
  analysis: MessageAnalysis,
  context: CustomerMessageContext = { unanswered: 0, hoursSinceAnswer: null },
): HeatReading {
  const before = previous.heatCount > 0 ? { heat: previous.heat, peak: previous.peakHeat, trend: previous.trend } : null;
  const next = afterCustomerMessage(before, analysis, context);
  const flags = new Set([...previous.flags, ...flagsOf(analysis)]);
  const category = analysis.category.name;
  return {
    heat: next.heat,
    peakHeat: Math.max(previous.peakHeat, next.peak),
    trend: next.trend,
    heatSum: previous.heatSum + analysis.heat,
    heatCount: previous.heatCount + 1,
    flags: conversationFlags.filter((flag) => flags.has(flag)),
    language: analysis.language.code === 'und' ? previous.language : analysis.language.code,
    category: category === 'other' && previous.category !== null ? previous.category : category,
  };
}

export interface TimelineText {
  kind: string;
  body: string;
  at: string;
}

/**
 * Reads a whole timeline as if its messages arrived one by one (re-analysis, history import): each customer message
 * with the count of unanswered ones before it and the case's language, each agent reply moving the case heat, so the
 * stored reading ends where live ingest would have left it. Returns the analysis of each customer message (null for
 * the other entries) and the final reading.
 */
export function replayTimeline(timeline: readonly TimelineText[]): {
  reading: HeatReading;
  analyses: Array<MessageAnalysis | null>;
} {
  let reading = calmReading;
  let unanswered = 0;
  let lastAnswerAt: string | null = null;
  const analyses = timeline.map((entry) => {
    if (entry.kind === 'agent') {
      unanswered = 0;
      lastAnswerAt = entry.at;
      if (reading.heatCount > 0) {
        const cooled = afterAgentReply({ heat: reading.heat, peak: reading.peakHeat, trend: reading.trend }, entry.body);
        if (cooled !== null) reading = { ...reading, heat: cooled.heat, trend: cooled.trend };
      }
      return null;
    }
    if (entry.kind !== 'customer') return null;
    const analysis = analyzeMessage(entry.body, {
      unansweredCustomerMessages: unanswered,
      languageHint: reading.language ?? undefined,
    });
    const hoursSinceAnswer =
      unanswered === 0 && lastAnswerAt !== null
        ? Math.max(0, (Date.parse(entry.at) - Date.parse(lastAnswerAt)) / 3_600_000)
        : null;
    reading = nextReading(reading, analysis, {
      unanswered,
      hoursSinceAnswer: Number.isFinite(hoursSinceAnswer) ? hoursSinceAnswer : null,
    });
    unanswered += 1;
    return analysis;
  });
  return { reading, analyses };
}
