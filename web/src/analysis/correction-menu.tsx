import { useMutation } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { analysisApi } from '../api/endpoints';
import type { CorrectionVerdict, MessageAnalysis } from '../api/types';
import { detectedLabels, missableSignals, signalLabel } from '../format/signals';
import { ErrorMessage } from '../ui/error-message';

/**
 * "Mark a label as wrong": every label the reading put on a customer message, each with a way to
 * say it does not fit, and a way to name one it missed. Corrections are kept for retraining.
 */
export function CorrectionMenu({ messageId, analysis }: { messageId: string; analysis: MessageAnalysis }) {
  const [open, setOpen] = useState(false);
  const [missed, setMissed] = useState('');
  const [reported, setReported] = useState<string[]>([]);
  const [thanked, setThanked] = useState(false);
  const panelId = useId();
  const missedId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // An opened menu at the bottom of the message log scrolls into view.
  useEffect(() => {
    if (open) panelRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);

  const correct = useMutation({
    mutationFn: ({ signal, verdict }: { signal: string; verdict: CorrectionVerdict }) =>
      analysisApi.correct(messageId, signal, verdict),
    onSuccess: (_result, { signal, verdict }) => {
      setReported((old) => [...old, `${verdict}:${signal}`]);
      setThanked(true);
      if (verdict === 'missed') setMissed('');
    },
  });

  const labels = detectedLabels(analysis);
  const missable = missableSignals(analysis).filter((signal) => !reported.includes(`missed:${signal}`));

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the open menu from any control inside it
    <div className="correction" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="button-quiet correction-button"
        data-testid="correction-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((value) => !value);
          setThanked(false);
          correct.reset();
        }}
      >
        Label wrong?
      </button>
      {open ? (
        <div id={panelId} ref={panelRef} className="correction-panel">
          <p className="correction-intro">Does a label here not fit? Tell us, and the reading learns from it.</p>
          <ul className="correction-list">
            {labels.map((item) => {
              const done = reported.includes(`wrong:${item.signal}`);
              return (
                <li key={item.signal}>
                  <span>{item.label}</span>
                  <button
                    type="button"
                    className="button-quiet"
                    data-testid="correction-option"
                    data-signal={item.signal}
                    disabled={done || correct.isPending}
                    aria-label={done ? `${item.label}: reported as wrong` : `${item.label} is wrong`}
                    onClick={() => correct.mutate({ signal: item.signal, verdict: 'wrong' })}
                  >
                    {done ? 'Reported' : 'Not right'}
                  </button>
                </li>
              );
            })}
          </ul>
          {missable.length > 0 ? (
            <form
              className="correction-missed"
              onSubmit={(event) => {
                event.preventDefault();
                if (missed) correct.mutate({ signal: missed, verdict: 'missed' });
              }}
            >
              <label htmlFor={missedId}>Something we missed</label>
              <select
                id={missedId}
                value={missed}
                data-testid="correction-missed"
                onChange={(event) => setMissed(event.target.value)}
              >
                <option value="">Choose…</option>
                {missable.map((signal) => (
                  <option key={signal} value={signal}>
                    {signalLabel(signal)}
                  </option>
                ))}
              </select>
              <button type="submit" data-testid="correction-missed-submit" disabled={!missed || correct.isPending}>
                Report as missed
              </button>
            </form>
          ) : null}
          <ErrorMessage error={correct.error} />
          <button type="button" className="button-quiet correction-close" onClick={close}>
            Done
          </button>
        </div>
      ) : null}
      <p className="correction-thanks" role="status" data-testid="correction-thanks">
        {thanked ? "Thanks — we'll use this to improve the reading." : ''}
      </p>
    </div>
  );
}
