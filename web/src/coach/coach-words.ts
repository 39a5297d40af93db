import type { CoachFinding, RubricDimension } from '../api/types';

export const findingLabels: Record<string, string> = {
  blame: 'Blames the customer',
  arguing: 'Argues',
  excuse: 'Excuse instead of a plan',
  condescension: 'Talks down',
  'vague-promise': 'Vague promise',
  'absolute-promise': 'Promise that may not hold',
  jargon: 'Jargon',
  shouting: 'Reads as shouting',
  sarcasm: 'Sarcasm',
  'missing-acknowledgement': 'No acknowledgement',
  'missing-next-step': 'No next step',
  'wrong-currency': 'Other currency',
  'unchanged-template': 'Make it personal',
  'unfilled-placeholder': 'Placeholder left in',
};

export const severityLabels: Record<string, string> = { problem: 'Worth fixing', warning: 'Consider', info: 'Tip' };

export const dimensionLabels: Record<RubricDimension, string> = {
  empathy: 'Empathy',
  ownership: 'Ownership',
  clarity: 'Clarity',
  professionalism: 'Professionalism',
  resolution: 'Resolution',
};

export interface Replacement {
  /** Where the new words go in the draft (UTF-16 offsets, end exclusive). */
  start: number;
  end: number;
  text: string;
  label: string;
}

const quoted = /"([^"]+)"|„([^”“"]+)[”“"]|«\s*([^»]+?)\s*»|“([^”]+)”/;

/** The words inside the suggestion's quotes: "Say "return"" → return. */
export function quotedWords(suggestion: string): string | null {
  const match = quoted.exec(suggestion);
  const words = match?.slice(1).find((group) => group !== undefined);
  if (!words) return null;
  return words.replace(/\s*…\s*$/, '').trim() || null;
}

const sentenceEnd = /[.!?…\n]/;

function sentenceBounds(draft: string, start: number, end: number): { head: number; tail: number } {
  let head = start;
  while (head > 0 && !sentenceEnd.test(draft.charAt(head - 1))) head -= 1;
  while (head < start && /\s/.test(draft.charAt(head))) head += 1;
  let tail = end;
  while (tail < draft.length && !sentenceEnd.test(draft.charAt(tail))) tail += 1;
  if (tail < draft.length && draft.charAt(tail) !== '\n') tail += 1;
  return { head, tail };
}

/**
 * What "Use this" does for a finding, or null when the coach only gives advice. A whole-sentence
 * suggestion replaces its short sentence ("Please calm down." → the kinder sentence); missing
 * pieces are added before the opening or after the closing sentence; jargon words are swapped.
 */
export function replacementFor(finding: CoachFinding, draft: string): Replacement | null {
  if (draft.slice(finding.start, finding.end) !== finding.text) return null;
  if (finding.kind === 'unchanged-template' || finding.kind === 'shouting' || finding.kind === 'unfilled-placeholder')
    return null;
  if (/^leave it out/i.test(finding.suggestion)) {
    return { start: finding.start, end: finding.end, text: '', label: 'Remove it' };
  }
  const words = quotedWords(finding.suggestion);
  if (!words) return null;
  if (finding.kind === 'missing-acknowledgement') {
    return { start: finding.start, end: finding.start, text: `${words} `, label: 'Add this first' };
  }
  if (finding.kind === 'missing-next-step') {
    return { start: finding.end, end: finding.end, text: ` ${words}`, label: 'Add this at the end' };
  }
  let { start, end } = finding;
  let text = words;
  if (/[.!?]$/.test(words)) {
    const { head, tail } = sentenceBounds(draft, start, end);
    if (start - head <= 16 && tail - end <= 24) {
      start = head;
      end = tail;
    } else if (/^[,;:]/.test(draft.slice(end))) {
      text = text.replace(/[.!?]$/, '');
    }
  }
  const midSentence = start > 0 && !/[.!?\n]\s*$/.test(draft.slice(0, start)) && draft.slice(0, start).trim() !== '';
  if (midSentence && /^[A-Z][a-z]/.test(text) && !/^I\b/.test(text)) text = text.charAt(0).toLowerCase() + text.slice(1);
  return { start, end, text, label: 'Use this' };
}

export function applyReplacement(draft: string, replacement: Replacement): string {
  return draft.slice(0, replacement.start) + replacement.text + draft.slice(replacement.end);
}
