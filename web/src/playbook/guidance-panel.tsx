import { type FormEvent, useId, useState } from 'react';
import type { Assist, PlaybookStep, PlaybookSuggestion, PlaybookTick } from '../api/types';
import { useUsers } from '../api/use-users';
import { useCurrentUser } from '../auth/session';
import { formatDateTime, formatMessageTime } from '../format/time';
import { ErrorMessage } from '../ui/error-message';
import { QueryState } from '../ui/states';
import { useNow } from '../ui/use-now';
import { acceptLabels, byWords, suggestionTitles, type UserNames } from './playbook-words';
import { useAssist, usePlaybookAction } from './use-assist';

type Act = ReturnType<typeof usePlaybookAction>;

/** The playbook beside the conversation: where we are, what to do now and why, the checklist, suggestions. */
export function GuidancePanel({ conversationId, canAct }: { conversationId: string; canAct: boolean }) {
  const assist = useAssist(conversationId);
  const act = usePlaybookAction(conversationId);
  const users = useUsers();
  const user = useCurrentUser();
  const titleId = useId();
  const names: UserNames = new Map((users.data ?? []).map((each) => [each.id, each.name] as const));

  return (
    <section className="guidance-panel side-card" data-testid="guidance-panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="side-card-title">
        Playbook
      </h2>
      {assist.data ? (
        <GuidanceBody assist={assist.data} act={act} canAct={canAct} names={names} currentUserId={user.id} />
      ) : (
        <QueryState isPending={assist.isPending} error={assist.error} />
      )}
    </section>
  );
}

function GuidanceBody({
  assist,
  act,
  canAct,
  names,
  currentUserId,
}: {
  assist: Assist;
  act: Act;
  canAct: boolean;
  names: UserNames;
  currentUserId: string;
}) {
  const { playbook, steps, guidance } = assist;
  const current = steps.find((step) => step.id === playbook.step) ?? steps[0];
  if (!current) return null;
  const lead = guidance.situations[0];
  const moreSituations = guidance.situations.slice(1);
  return (
    <>
      <StepProgress steps={steps} currentNumber={current.number} />
      <p
        className="playbook-step"
        data-testid="playbook-step"
        data-step={current.number}
        data-step-id={current.id}
        aria-live="polite"
      >
        <span className="playbook-step-number">
          Step {current.number} of {steps.length}
        </span>{' '}
        <strong>{current.title}</strong>
        <span className="playbook-step-purpose">{current.purpose}</span>
      </p>

      {playbook.suggestions.length > 0 ? (
        <ul className="playbook-suggestions" aria-label="Suggestions from the playbook">
          {playbook.suggestions.map((suggestion) => (
            <SuggestionCard key={suggestion.id} suggestion={suggestion} act={act} canAct={canAct} />
          ))}
        </ul>
      ) : null}

      <div className="guidance-now" data-testid="guidance-now" data-situation={lead?.kind ?? ''}>
        <h3 className="guidance-heading">What to do now</h3>
        <p className="guidance-title">{guidance.title}</p>
        <p className="guidance-text">{guidance.now}</p>
        <p className="guidance-why">
          <strong>Why: </strong>
          {guidance.why}
        </p>
        {moreSituations.length > 0 ? (
          <ul className="guidance-situations" aria-label="Also keep in mind">
            {moreSituations.map((situation) => (
              <li key={situation.kind}>
                <strong>{situation.title}.</strong> {situation.now}
              </li>
            ))}
          </ul>
        ) : null}
        <details className="guidance-more">
          <summary>How to do it, and what to avoid</summary>
          <h4>Do</h4>
          <ul>
            {[...(lead?.doNext ?? []), ...guidance.doNext].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <h4>Avoid</h4>
          <ul>
            {[...(lead?.avoid ?? []), ...guidance.avoid].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      </div>

      <Checklists assist={assist} act={act} canAct={canAct} names={names} currentUserId={currentUserId} />
      {canAct ? <MoveStepForm steps={steps} current={current} act={act} /> : null}
      <ErrorMessage error={act.error} fields={['reason']} />
    </>
  );
}

function StepProgress({ steps, currentNumber }: { steps: PlaybookStep[]; currentNumber: number }) {
  return (
    <ol className="step-progress" aria-label="The seven steps">
      {steps.map((step) => {
        const state = step.number < currentNumber ? 'done' : step.number === currentNumber ? 'current' : 'todo';
        return (
          <li
            key={step.id}
            className={`step-dot step-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
            title={`${step.number}. ${step.title}`}
          >
            <span aria-hidden="true">{step.number}</span>
            <span className="visually-hidden">
              {step.number}. {step.title}
              {state === 'done' ? ' (behind you)' : state === 'current' ? ' (now)' : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function Checklists({
  assist,
  act,
  canAct,
  names,
  currentUserId,
}: {
  assist: Assist;
  act: Act;
  canAct: boolean;
  names: UserNames;
  currentUserId: string;
}) {
  const { playbook, steps } = assist;
  const ticks = new Map(playbook.ticks.map((tick) => [tick.itemId, tick] as const));
  const current = steps.find((step) => step.id === playbook.step);
  const others = steps.filter((step) => step.id !== playbook.step);
  return (
    <div className="checklists">
      {current ? (
        <StepChecklist
          step={current}
          ticks={ticks}
          act={act}
          canAct={canAct}
          names={names}
          currentUserId={currentUserId}
          heading="This step's checklist"
        />
      ) : null}
      <details className="other-checklists">
        <summary>
          Other steps{' '}
          <span className="muted small">({playbook.ticks.filter((tick) => tick.step !== playbook.step).length} ticked)</span>
        </summary>
        {others.map((step) => (
          <StepChecklist
            key={step.id}
            step={step}
            ticks={ticks}
            act={act}
            canAct={canAct}
            names={names}
            currentUserId={currentUserId}
            heading={`${step.number}. ${step.title}`}
          />
        ))}
      </details>
    </div>
  );
}

function StepChecklist({
  step,
  ticks,
  act,
  canAct,
  names,
  currentUserId,
  heading,
}: {
  step: PlaybookStep;
  ticks: Map<string, PlaybookTick>;
  act: Act;
  canAct: boolean;
  names: UserNames;
  currentUserId: string;
  heading: string;
}) {
  const headingId = useId();
  return (
    <fieldset className="checklist" aria-labelledby={headingId} data-step-id={step.id}>
      <legend id={headingId} className="checklist-heading">
        {heading}
      </legend>
      <ul className="plain-list">
        {step.checklist.map((item) => {
          const tick = ticks.get(item.id);
          // Show the agent's click at once; the server's answer follows.
          const pending = act.isPending && act.variables && 'itemId' in act.variables && act.variables.itemId === item.id;
          const checked = pending ? act.variables?.type === 'item-ticked-by-hand' : Boolean(tick);
          return (
            <li
              key={item.id}
              className="checklist-item"
              data-testid="checklist-item"
              data-item-id={item.id}
              data-ticked={tick ? 'true' : 'false'}
            >
              <label>
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!canAct || act.isPending}
                  onChange={(event) =>
                    act.mutate({
                      type: event.target.checked ? 'item-ticked-by-hand' : 'item-unticked-by-hand',
                      itemId: item.id,
                    })
                  }
                />
                <span>{item.label}</span>
              </label>
              <TickNote tick={tick} auto={Boolean(item.autoPractice)} names={names} currentUserId={currentUserId} />
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function TickNote({
  tick,
  auto,
  names,
  currentUserId,
}: {
  tick: PlaybookTick | undefined;
  auto: boolean;
  names: UserNames;
  currentUserId: string;
}) {
  const now = useNow();
  if (!tick) {
    return auto ? <span className="tick-note muted">The coach ticks this when a reply of yours does it.</span> : null;
  }
  const when = (
    <time dateTime={tick.at} title={formatDateTime(tick.at)}>
      {formatMessageTime(tick.at, now)}
    </time>
  );
  if (tick.by.kind === 'coach') {
    const words = tick.by.userId === currentUserId ? 'ticked by the coach from your reply' : `ticked ${byWords(tick.by, names)}`;
    return (
      <span className="tick-note tick-coach" data-by="coach">
        {words}, {when}
      </span>
    );
  }
  return (
    <span className="tick-note" data-by={tick.by.kind}>
      ticked {byWords(tick.by, names, currentUserId)}, {when}
    </span>
  );
}

function SuggestionCard({ suggestion, act, canAct }: { suggestion: PlaybookSuggestion; act: Act; canAct: boolean }) {
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const reasonId = useId();
  const errorId = useId();
  const positive = suggestion.kind === 'de-escalation-credited';

  const dismiss = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    act.mutate({ type: 'suggestion-dismissed', id: suggestion.id, reason: reason.trim() });
  };

  return (
    <li
      className={`playbook-suggestion${positive ? ' playbook-suggestion-positive' : ''}`}
      data-testid="playbook-suggestion"
      data-kind={suggestion.kind}
    >
      <p className="playbook-suggestion-title">{suggestionTitles[suggestion.kind] ?? suggestion.kind}</p>
      <p className="playbook-suggestion-reason">{suggestion.reason}</p>
      {canAct && !dismissing ? (
        <div className="button-row">
          <button
            type="button"
            className="button-primary"
            data-testid="suggestion-accept"
            disabled={act.isPending}
            onClick={() => act.mutate({ type: 'suggestion-accepted', id: suggestion.id })}
          >
            {acceptLabels[suggestion.kind] ?? 'Accept'}
          </button>
          <button type="button" data-testid="suggestion-dismiss" onClick={() => setDismissing(true)}>
            {positive ? 'Hide' : 'Not now'}
          </button>
        </div>
      ) : null}
      {canAct && dismissing ? (
        <form className="dismiss-form" onSubmit={dismiss} noValidate>
          <label htmlFor={reasonId}>Why not? A few words help the team learn.</label>
          <input
            id={reasonId}
            data-testid="suggestion-dismiss-reason"
            value={reason}
            maxLength={500}
            required
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? errorId : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setMissing(false);
            }}
          />
          {missing ? (
            <p className="field-error" id={errorId}>
              Please say briefly why you are setting it aside.
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" data-testid="suggestion-dismiss-confirm" disabled={act.isPending}>
              Dismiss
            </button>
            <button type="button" className="button-quiet" onClick={() => setDismissing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

function MoveStepForm({ steps, current, act }: { steps: PlaybookStep[]; current: PlaybookStep; act: Act }) {
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const selectId = useId();
  const reasonId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = steps.find((step) => step.id === to);
    if (!target) return;
    act.mutate(
      { type: 'step-changed-by-hand', to: target.id, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          setTo('');
          setReason('');
        },
      },
    );
  };
  return (
    <details className="move-step">
      <summary>Move to another step</summary>
      <form onSubmit={submit} className="move-step-form">
        <label htmlFor={selectId}>Step</label>
        <select id={selectId} data-testid="playbook-move-to" value={to} onChange={(event) => setTo(event.target.value)}>
          <option value="">Choose a step…</option>
          {steps
            .filter((step) => step.id !== current.id)
            .map((step) => (
              <option key={step.id} value={step.id}>
                {step.number}. {step.title}
              </option>
            ))}
        </select>
        <label htmlFor={reasonId}>Why (shown in the timeline)</label>
        <input
          id={reasonId}
          data-testid="playbook-move-reason"
          value={reason}
          maxLength={500}
          placeholder="e.g. They asked for a manager"
          onChange={(event) => setReason(event.target.value)}
        />
        <button type="submit" data-testid="playbook-move" disabled={!to || act.isPending}>
          Move
        </button>
      </form>
    </details>
  );
}
