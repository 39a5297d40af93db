import type { MessageAnalysis } from '../api/types';
import { crossedLine, detectedSignals, signalLabel } from '../format/signals';
import { CorrectionMenu } from './correction-menu';
import { HeatBadge } from './heat';

/** Under a customer message: its heat, the labels read in it, and a way to say one is wrong. */
export function MessageReading({ messageId, analysis }: { messageId: string; analysis: MessageAnalysis }) {
  const signals = detectedSignals(analysis);
  const crossed = crossedLine(analysis);
  return (
    <footer className="message-reading">
      <HeatBadge heat={analysis.heat} />
      {crossed.length > 0 ? (
        <span className="badge message-crossed" data-testid="message-abusive">
          Crossed a line
        </span>
      ) : null}
      {signals.length > 0 ? (
        <ul className="message-labels" aria-label="Labels read in this message">
          {signals.map((signal) => (
            <li key={signal} className={`badge message-label label-${signal.split('.')[0]}`} data-signal={signal}>
              {signalLabel(signal)}
            </li>
          ))}
        </ul>
      ) : null}
      <CorrectionMenu messageId={messageId} analysis={analysis} />
    </footer>
  );
}
