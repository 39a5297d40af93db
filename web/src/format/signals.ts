import type { ConversationFlag, MessageAnalysis, Trend } from '../api/types';
import { abuseKinds, crossingLineKinds, emotionNames, intentNames } from '../api/types';
import { languageName } from './labels';

/** Plain words for each signal the analysis reports, as an agent would say it. */
export const signalLabels: Record<string, string> = {
  heat: 'Heat',
  complaint: 'Complaint',
  category: 'Topic',
  language: 'Language',
  'emotions.anger': 'Anger',
  'emotions.frustration': 'Frustration',
  'emotions.disappointment': 'Disappointment',
  'emotions.anxiety': 'Worry',
  'emotions.satisfaction': 'Satisfaction',
  'abuse.profanity': 'Swearing',
  'abuse.insult': 'Insult',
  'abuse.threat': 'Threat of violence',
  'abuse.harassment': 'Harassment',
  'abuse.slur': 'Slur',
  'intents.refund': 'Refund demand',
  'intents.compensation': 'Compensation demand',
  'intents.cancellation': 'Wants to cancel',
  'intents.legal_threat': 'Legal threat',
  'intents.public_shaming': 'Public post threat',
  'intents.manager_request': 'Asks for a manager',
  'intents.repeat_contact': 'Writing again',
};

export function signalLabel(signal: string): string {
  return signalLabels[signal] ?? signal.replace(/^[a-z]+\./, '').replace(/_/g, ' ');
}

export const categoryLabels: Record<string, string> = {
  billing: 'Billing',
  delivery: 'Delivery',
  product_defect: 'Faulty product',
  account_access: 'Account access',
  service_quality: 'Service quality',
  technical: 'Technical',
  other: 'Other',
};

export function categoryLabel(category: string): string {
  return categoryLabels[category] ?? category.replace(/_/g, ' ');
}

export function intentLabel(intent: string): string {
  return signalLabel(`intents.${intent}`);
}

export const flagLabels: Record<ConversationFlag, string> = {
  abuse: 'Abuse',
  threat: 'Threat',
  legal_threat: 'Legal threat',
  public_shaming: 'Public post',
};

export const flagDescriptions: Record<ConversationFlag, string> = {
  abuse: 'The customer insulted, harassed or threatened someone',
  threat: 'The customer threatened violence',
  legal_threat: 'The customer mentioned lawyers, courts or authorities',
  public_shaming: 'The customer posted, or threatened to post, about us in public',
};

/** The trend as a word ("Heat 82 of 100, rising") and as an arrow. */
export const trendWords: Record<Trend, string> = { escalating: 'rising', steady: 'steady', cooling: 'cooling down' };
export const trendArrows: Record<Trend, string> = { escalating: '↑', steady: '→', cooling: '↓' };

export type HeatBand = 'calm' | 'mild' | 'warm' | 'hot' | 'hostile';

/** The heat bands of src/analysis/README.md: the lower edges 20, 40, 60 and 80 mean the same in every language. */
export function heatBand(heat: number): HeatBand {
  if (heat >= 80) return 'hostile';
  if (heat >= 60) return 'hot';
  if (heat >= 40) return 'warm';
  if (heat >= 20) return 'mild';
  return 'calm';
}

export const heatBandWords: Record<HeatBand, string> = {
  calm: 'calm',
  mild: 'dissatisfied',
  warm: 'upset',
  hot: 'angry',
  hostile: 'hostile',
};

export function heatText(heat: number, trend?: Trend): string {
  return `Heat ${heat} of 100${trend ? `, ${trendWords[trend]}` : ''}`;
}

/** A label the analysis raised on a message, by its stable signal name, ready to show or dispute. */
export interface DetectedLabel {
  signal: string;
  label: string;
}

/** Every label shown on a message: heat, topic and language first, then what was detected. */
export function detectedLabels(analysis: MessageAnalysis): DetectedLabel[] {
  const labels: DetectedLabel[] = [
    { signal: 'heat', label: `Heat ${analysis.heat} of 100` },
    { signal: 'category', label: `Topic: ${categoryLabel(analysis.category.name)}` },
  ];
  if (analysis.language.code !== 'und') {
    labels.push({ signal: 'language', label: `Language: ${languageName(analysis.language.code)}` });
  }
  for (const signal of detectedSignals(analysis)) labels.push({ signal, label: signalLabel(signal) });
  return labels;
}

/** The yes/no signals that were detected, by stable name (abuse first: it matters most). */
export function detectedSignals(analysis: MessageAnalysis): string[] {
  const signals: string[] = [];
  for (const kind of abuseKinds) if (analysis.abuse[kind]?.detected) signals.push(`abuse.${kind}`);
  for (const intent of intentNames) if (analysis.intents[intent]?.detected) signals.push(`intents.${intent}`);
  if (analysis.complaint?.detected) signals.push('complaint');
  for (const emotion of emotionNames) if (analysis.emotions[emotion]?.detected) signals.push(`emotions.${emotion}`);
  return signals;
}

/** The yes/no signals an agent could report as missed: every one not detected. */
export function missableSignals(analysis: MessageAnalysis): string[] {
  const detected = new Set(detectedSignals(analysis));
  const all = [
    ...abuseKinds.map((kind) => `abuse.${kind}`),
    ...intentNames.map((intent) => `intents.${intent}`),
    'complaint',
    ...emotionNames.map((emotion) => `emotions.${emotion}`),
  ];
  return all.filter((signal) => !detected.has(signal));
}

/** The kinds of abuse that cross a line (insult, threat, harassment, slur) detected in a message. */
export function crossedLine(analysis: MessageAnalysis | null | undefined): string[] {
  if (!analysis) return [];
  return crossingLineKinds.filter((kind) => analysis.abuse[kind]?.detected).map((kind) => `abuse.${kind}`);
}

/** "insult and threat" for the managers' alert, from the event's abuse kinds. */
export function abuseKindsText(kinds: string[]): string {
  const words = kinds.map((kind) => signalLabel(`abuse.${kind}`).toLowerCase());
  if (words.length <= 1) return words[0] ?? 'abuse';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
