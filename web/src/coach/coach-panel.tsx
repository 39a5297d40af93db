import { useId } from 'react';
import type { CoachFinding, ReplyReview } from '../api/types';
import { rubricDimensions } from '../api/types';
import { ErrorMessage } from '../ui/error-message';
import { dimensionLabels, findingLabels, type Replacement, replacementFor, severityLabels } from './coach-words';

/** What the coach read in the draft: things to look at with better words, what works, and the rubric. */
export function CoachPanel({
  draft,
  review,
  current,
  checking,
  error,
  onUse,
  onShow,
}: {
  draft: string;
  review: ReplyReview | null;
  current: boolean;
  checking: boolean;
  error: unknown;
  onUse: (replacement: Replacement) => void;
  onShow: (finding: { start: number; end: number }) => void;
}) {
  const titleId = useId();
  if (!review && !checking && !error) return null;
  const findings = review?.findings ?? [];
  const strengths = review?.strengths ?? [];
  const summary = !review
    ? 'The coach is reading your draft…'
    : findings.length === 0
      ? strengths.length > 0
        ? 'Looks good. Nothing to change.'
        : 'Nothing to change so far.'
      : `${findings.length === 1 ? 'One thing' : `${findings.length} things`} to look at before you send. Sending is always up to you.`;
  return (
    <section
      className="coach-panel"
      data-testid="coach-panel"
      aria-labelledby={titleId}
      data-current={current ? 'true' : 'false'}
    >
      <h3 id={titleId} className="coach-title">
        Reply coach{' '}
        <span className="muted small" role="status">
          {checking ? 'checking…' : summary}
        </span>
      </h3>
      <ErrorMessage error={error} />
      {findings.length > 0 ? (
        <ul className="coach-findings" aria-label="Things to look at">
          {findings.map((finding) => (
            <FindingItem
              key={`${finding.kind}-${finding.start}-${finding.end}`}
              finding={finding}
              draft={draft}
              current={current}
              onUse={onUse}
              onShow={onShow}
            />
          ))}
        </ul>
      ) : null}
      {strengths.length > 0 ? (
        <ul className="coach-strengths" aria-label="What works">
          {strengths.map((strength) => (
            <li
              key={`${strength.practice}-${strength.start}`}
              className="coach-strength"
              data-testid="coach-strength"
              data-practice={strength.practice}
            >
              <span aria-hidden="true">✓ </span>
              {strength.message} <q className="muted">{strength.text}</q>
            </li>
          ))}
        </ul>
      ) : null}
      {review ? (
        <ul className="coach-scores" aria-label="Rubric scores">
          {rubricDimensions.map((dimension) => {
            const score = review.scores[dimension];
            if (!score) return null;
            return (
              <li
                key={dimension}
                className="coach-score"
                data-testid="coach-score"
                data-dimension={dimension}
                data-score={score.score}
                title={score.reasons.join('\n')}
              >
                <span className="coach-score-label">{dimensionLabels[dimension]}</span>
                <meter
                  min={0}
                  max={100}
                  low={40}
                  high={70}
                  optimum={100}
                  value={score.score}
                  aria-label={`${dimensionLabels[dimension]}: ${score.score} of 100`}
                />
                <span className="coach-score-value">{score.score}</span>
                {score.reasons.length > 0 ? <span className="visually-hidden">. {score.reasons.join('. ')}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}

function FindingItem({
  finding,
  draft,
  current,
  onUse,
  onShow,
}: {
  finding: CoachFinding;
  draft: string;
  current: boolean;
  onUse: (replacement: Replacement) => void;
  onShow: (finding: { start: number; end: number }) => void;
}) {
  const replacement = current ? replacementFor(finding, draft) : null;
  const whole = finding.kind === 'unchanged-template';
  return (
    <li
      className={`coach-finding coach-finding-${finding.severity}`}
      data-testid="coach-finding"
      data-kind={finding.kind}
      data-severity={finding.severity}
    >
      <p className="coach-finding-head">
        <span className={`badge coach-badge-${finding.severity}`}>{severityLabels[finding.severity] ?? finding.severity}</span>{' '}
        <strong>{findingLabels[finding.kind] ?? finding.kind}</strong>
        {!whole && finding.text ? (
          <>
            {' '}
            <q className="coach-quote">{finding.text.length > 80 ? `${finding.text.slice(0, 77)}…` : finding.text}</q>
          </>
        ) : null}
      </p>
      <p className="coach-message">{finding.message}</p>
      <p className="coach-suggestion">
        <span className="muted">Try: </span>
        {finding.suggestion}
      </p>
      <div className="button-row">
        {replacement ? (
          <button type="button" className="button-primary" data-testid="coach-use-suggestion" onClick={() => onUse(replacement)}>
            {replacement.label}
            <span className="visually-hidden">: {replacement.text || 'remove the words'}</span>
          </button>
        ) : null}
        {!whole && current ? (
          <button type="button" className="button-quiet" onClick={() => onShow(finding)}>
            Show in draft
          </button>
        ) : null}
      </div>
    </li>
  );
}
