import type { Evidence } from '../api/types';

/** A run of the message body and the signals whose evidence covers all of it (none: plain text). */
export interface Segment {
  start: number;
  end: number;
  text: string;
  signals: string[];
}

/**
 * Splits a message body at every evidence boundary so overlapping spans each get their own run:
 * "you useless idiots" with [insult 0..18] and [anger 4..11] becomes three runs, the middle one
 * carrying both signals. Spans outside the body (a shortened live event) are clipped; empty or
 * inverted ones are ignored. Neighbouring runs with the same signals are joined. Plain text only.
 */
export function evidenceSegments(body: string, evidence: readonly Evidence[] | undefined): Segment[] {
  const spans = (evidence ?? [])
    .map((item) => ({
      signal: item.signal,
      start: Math.max(0, Math.min(body.length, Math.trunc(item.start))),
      end: Math.max(0, Math.min(body.length, Math.trunc(item.end))),
    }))
    .filter((span) => Number.isFinite(span.start) && Number.isFinite(span.end) && span.end > span.start);
  if (spans.length === 0) return body ? [{ start: 0, end: body.length, text: body, signals: [] }] : [];

  const cuts = new Set<number>([0, body.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const signals = [...new Set(spans.filter((span) => span.start <= start && span.end >= end).map((span) => span.signal))];
    const previous = segments.at(-1);
    if (previous && previous.end === start && sameSignals(previous.signals, signals)) {
      previous.end = end;
      previous.text = body.slice(previous.start, end);
    } else {
      segments.push({ start, end, text: body.slice(start, end), signals });
    }
  }
  return segments;
}

function sameSignals(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((signal) => b.includes(signal));
}
