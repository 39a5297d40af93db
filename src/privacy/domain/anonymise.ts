/**
 * What erasure and retention leave behind, as pure rules: the words that replace personal text,
 * and how stored JSON (analyses, coach reviews, audit details) keeps its numbers but loses its text.
 */
export const erasedText = '[erased]';
export const erasedMessageBody = '[Erased for privacy]';
export const erasedSubject = 'Erased conversation';
/** Placeholder for address columns that may not be empty (reserved .invalid domain: never deliverable). */
export const erasedAddress = 'erased@erased.invalid';

export function erasedCustomerName(number: number): string {
  return `Erased customer #${number}`;
}

/**
 * A message analysis without the words it quoted: heat, scores, category and which signals fired
 * stay (non-personal aggregates); the evidence spans lose their text and offsets.
 */
export function scrubAnalysis(analysis: unknown): unknown {
  if (!isRecord(analysis)) return analysis;
  const evidence = Array.isArray(analysis.evidence) ? analysis.evidence : [];
  return {
    ...analysis,
    evidence: evidence.map((item) => (isRecord(item) ? { ...item, start: 0, end: 0, text: erasedText } : item)),
  };
}

/** A coach review keeps its practices, scores and which findings there were, not the quoted words. */
export function scrubCoachReview(review: unknown): unknown {
  if (!isRecord(review)) return review;
  const findings = Array.isArray(review.findings) ? review.findings : [];
  return {
    ...review,
    findings: findings.map((finding) => (isRecord(finding) ? { ...finding, text: erasedText } : finding)),
  };
}

/** Every text value replaced (keys, numbers, booleans and structure kept): for audit details about an erased person. */
export function scrubStrings(value: unknown): unknown {
  if (typeof value === 'string') return erasedText;
  if (Array.isArray(value)) return value.map(scrubStrings);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrubStrings(inner)]));
  return value;
}

/** The cut-off of a retention period: conversations closed before this instant are anonymised. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  // 31 March minus one month is the last day of February, not 3 March.
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
