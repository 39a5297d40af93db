/**
 * The rubric: the one definition of what makes a good reply to a difficult customer. The reply
 * coach scores drafts with it; QA review and the training simulator score sent replies with it.
 * Every dimension starts from a base and moves with the practices shown and the findings raised,
 * clamped to 0–100, and every move is listed as a reason in plain words.
 */
import type { DimensionScore, FindingKind, PracticeId, RubricDimension, RubricScores, Severity } from './types.ts';

export interface RubricMove {
  points: number;
  reason: string;
}

export interface RubricDimensionDefinition {
  dimension: RubricDimension;
  label: string;
  /** The question a reviewer asks of the reply. */
  question: string;
  base: number;
  practices: Partial<Record<PracticeId, RubricMove>>;
  /** Points are negative; a second finding of the same kind counts half, a third and later a quarter. */
  findings: Partial<Record<FindingKind, RubricMove>>;
}

export const rubricDimensions: readonly RubricDimension[] = ['empathy', 'ownership', 'clarity', 'professionalism', 'resolution'];

export const rubric: Readonly<Record<RubricDimension, RubricDimensionDefinition>> = {
  empathy: {
    dimension: 'empathy',
    label: 'Empathy',
    question: 'Does the customer feel heard and understood?',
    base: 50,
    practices: {
      'feelings-acknowledged': { points: 25, reason: 'names how the customer feels' },
      'concern-restated': { points: 15, reason: 'repeats the concern back in their terms' },
      'apology-owned': { points: 10, reason: 'apologises for what went wrong' },
      'thanks-given': { points: 5, reason: 'thanks them for raising it' },
    },
    findings: {
      'missing-acknowledgement': { points: -30, reason: 'an upset customer gets no acknowledgement of how they feel' },
      condescension: { points: -25, reason: 'talks down to the customer' },
      sarcasm: { points: -20, reason: 'can read as sarcastic' },
      blame: { points: -15, reason: 'puts the fault on the customer' },
      'unchanged-template': { points: -15, reason: 'a generic script sent word for word' },
      arguing: { points: -10, reason: 'argues with the customer' },
    },
  },
  ownership: {
    dimension: 'ownership',
    label: 'Ownership',
    question: 'Does the agent take responsibility for the problem and for what happens next?',
    base: 50,
    practices: {
      'apology-owned': { points: 25, reason: 'owns the mistake' },
      'next-step-with-time': { points: 20, reason: 'commits to a next step with a time' },
      'reassurance-given': { points: 10, reason: 'says they will see it through' },
      'escalation-explained': { points: 5, reason: 'says who takes it on and when' },
    },
    findings: {
      blame: { points: -30, reason: 'puts the fault on the customer' },
      excuse: { points: -25, reason: 'offers an excuse instead of a plan' },
      'vague-promise': { points: -10, reason: 'promises without a time' },
    },
  },
  clarity: {
    dimension: 'clarity',
    label: 'Clarity',
    question: 'Will the customer understand exactly what happens and when, on first reading?',
    base: 70,
    practices: {
      'next-step-with-time': { points: 15, reason: 'says what happens and when' },
      'concern-restated': { points: 5, reason: 'confirms what the problem is' },
      'clarifying-question': { points: 5, reason: 'asks a clear question' },
    },
    findings: {
      'unfilled-placeholder': { points: -30, reason: 'a placeholder is still in the text' },
      'wrong-currency': { points: -20, reason: 'an amount is in a currency the customer does not pay in' },
      'vague-promise': { points: -15, reason: 'a vague time' },
      jargon: { points: -10, reason: 'internal jargon' },
      'missing-next-step': { points: -10, reason: 'does not say what happens next' },
    },
  },
  professionalism: {
    dimension: 'professionalism',
    label: 'Professionalism',
    question: 'Is the tone calm, respectful and honest, whatever the customer wrote?',
    base: 85,
    practices: {
      'boundary-set': { points: 10, reason: 'sets a calm, respectful boundary' },
      'thanks-given': { points: 5, reason: 'courteous' },
    },
    findings: {
      shouting: { points: -30, reason: 'shouts (capitals or a burst of exclamation marks)' },
      condescension: { points: -25, reason: 'talks down to the customer' },
      sarcasm: { points: -25, reason: 'can read as sarcastic' },
      arguing: { points: -20, reason: 'argues with the customer' },
      blame: { points: -15, reason: 'puts the fault on the customer' },
      'absolute-promise': { points: -15, reason: 'makes a promise that may not hold' },
      excuse: { points: -10, reason: 'offers an excuse' },
    },
  },
  resolution: {
    dimension: 'resolution',
    label: 'Resolution',
    question: 'Does the reply move the problem towards a solution the customer can count on?',
    base: 40,
    practices: {
      'next-step-with-time': { points: 35, reason: 'a concrete next step with a time' },
      'reassurance-given': { points: 10, reason: 'commits to seeing it through' },
      'escalation-explained': { points: 10, reason: 'hands over with a name and a time' },
      'clarifying-question': { points: 5, reason: 'asks what is needed to solve it' },
      'resolution-checked': { points: 15, reason: 'checks the problem is really solved' },
    },
    findings: {
      'missing-next-step': { points: -30, reason: 'no next step' },
      'vague-promise': { points: -15, reason: 'a next step without a time' },
      'absolute-promise': { points: -15, reason: 'a promise that may not hold' },
      excuse: { points: -15, reason: 'an excuse instead of a plan' },
      arguing: { points: -10, reason: 'argues instead of solving' },
    },
  },
};

export interface RubricEvidence {
  findings: readonly { kind: FindingKind; severity?: Severity }[];
  practices: readonly PracticeId[];
  /** Sentences over 35 words. */
  longSentences?: number;
  /** Nothing was written. */
  empty?: boolean;
}

const severityWeight: Record<Severity, number> = { problem: 1, warning: 1, info: 0.5 };
const repeatWeight = (occurrence: number) => (occurrence === 0 ? 1 : occurrence === 1 ? 0.5 : 0.25);

function clamp(score: number): number {
  return Math.max(0, Math.min(100, Math.round(score)));
}

function signed(points: number): string {
  const rounded = Math.round(points);
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

export function scoreDimension(definition: RubricDimensionDefinition, evidence: RubricEvidence): DimensionScore {
  if (evidence.empty) return { score: 0, reasons: ['nothing written yet'] };
  let score = definition.base;
  const reasons: string[] = [];
  const practices = new Set(evidence.practices);
  for (const [practice, move] of Object.entries(definition.practices) as [PracticeId, RubricMove][]) {
    if (!practices.has(practice)) continue;
    score += move.points;
    reasons.push(`${signed(move.points)} ${move.reason}`);
  }
  const seen = new Map<FindingKind, { points: number; count: number }>();
  for (const finding of evidence.findings) {
    const move = definition.findings[finding.kind];
    if (!move) continue;
    const entry = seen.get(finding.kind) ?? { points: 0, count: 0 };
    entry.points += move.points * repeatWeight(entry.count) * severityWeight[finding.severity ?? 'warning'];
    entry.count++;
    seen.set(finding.kind, entry);
  }
  for (const [kind, entry] of seen) {
    score += entry.points;
    const move = definition.findings[kind] as RubricMove;
    reasons.push(`${signed(entry.points)} ${move.reason}${entry.count > 1 ? ` (${entry.count} times)` : ''}`);
  }
  if (definition.dimension === 'clarity' && evidence.longSentences) {
    const points = -5 * Math.min(3, evidence.longSentences);
    score += points;
    reasons.push(`${signed(points)} long sentences (over 35 words) are hard to follow when upset`);
  }
  return { score: clamp(score), reasons };
}

/** Scores a reply (or a draft) on all five dimensions. */
export function scoreRubric(evidence: RubricEvidence): RubricScores {
  return {
    empathy: scoreDimension(rubric.empathy, evidence),
    ownership: scoreDimension(rubric.ownership, evidence),
    clarity: scoreDimension(rubric.clarity, evidence),
    professionalism: scoreDimension(rubric.professionalism, evidence),
    resolution: scoreDimension(rubric.resolution, evidence),
  };
}

/** The mean of the five scores, for one number on a dashboard. */
export function overallScore(scores: RubricScores): number {
  return Math.round(rubricDimensions.reduce((sum, dimension) => sum + scores[dimension].score, 0) / rubricDimensions.length);
}
