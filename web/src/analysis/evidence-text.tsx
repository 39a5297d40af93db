import { useId } from 'react';
import type { MessageAnalysis } from '../api/types';
import { categoryLabel, signalLabel } from '../format/signals';
import { evidenceSegments } from './evidence-segments';

const signalOrder = ['abuse', 'intents', 'complaint', 'emotions', 'category'];

function rank(signal: string): number {
  const index = signalOrder.indexOf(signal.split('.')[0] ?? signal);
  return index === -1 ? signalOrder.length : index;
}

function kindOf(signals: string[]): string {
  return (signals[0] ?? '').split('.')[0] || 'other';
}

/**
 * A customer's message with the words that caused each signal highlighted. The body is rendered
 * as plain text runs (never as HTML); each highlight is focusable and says in plain words what it
 * shows ("Insult, Anger") on hover, on focus and to screen readers.
 */
export function EvidenceText({ body, analysis }: { body: string; analysis: MessageAnalysis | null | undefined }) {
  const baseId = useId();
  const segments = evidenceSegments(body, analysis?.evidence);
  const labelOf = (signal: string) =>
    signal === 'category' && analysis ? `Topic: ${categoryLabel(analysis.category.name)}` : signalLabel(signal);
  const descriptions: string[] = [];
  const descriptionId = (text: string) => {
    let index = descriptions.indexOf(text);
    if (index === -1) index = descriptions.push(text) - 1;
    return `${baseId}-evidence-${index}`;
  };

  const runs = segments.map((segment) => {
    if (segment.signals.length === 0) return segment.text;
    const signals = [...segment.signals].sort((a, b) => rank(a) - rank(b));
    const label = signals.map(labelOf).join(', ');
    return (
      <mark
        key={segment.start}
        className={`evidence evidence-${kindOf(signals)}`}
        data-testid="evidence-mark"
        data-signal={signals.join(' ')}
        data-label={label}
        title={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: highlights must be reachable by keyboard to read why they are marked
        tabIndex={0}
        aria-describedby={descriptionId(`Highlighted: ${label}`)}
      >
        {segment.text}
      </mark>
    );
  });

  return (
    <>
      <div className="message-body">{runs}</div>
      {descriptions.map((text, index) => (
        <span key={text} id={`${baseId}-evidence-${index}`} hidden>
          {text}
        </span>
      ))}
    </>
  );
}
