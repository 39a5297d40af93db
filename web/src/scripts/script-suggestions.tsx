import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { scriptsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { InsertedTemplate, PlaybookStep, ScriptSuggestion } from '../api/types';
import { languageName } from '../format/labels';
import { useAssist } from '../playbook/use-assist';
import { QueryState } from '../ui/states';

function stepLabel(steps: readonly PlaybookStep[], id: string): string {
  const step = steps.find((each) => each.id === id);
  return step ? `Step ${step.number}, ${step.title}` : id;
}

function matches(query: string, ...texts: string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = texts.join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Scripts ranked for this customer and already filled in, plus a search of the whole library. */
export function ScriptSuggestions({
  conversationId,
  onInsert,
}: {
  conversationId: string;
  onInsert: (script: InsertedTemplate) => void;
}) {
  const assist = useAssist(conversationId);
  const [query, setQuery] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const deferred = useDeferredValue(query);
  const titleId = useId();
  const searchId = useId();
  const steps = assist.data?.steps ?? [];
  const suggestions = (assist.data?.scripts ?? []).filter(
    (script) => !deferred.trim() || matches(deferred, script.title, script.text, script.step, script.language),
  );

  return (
    <section className="script-suggestions side-card" data-testid="script-suggestions" aria-labelledby={titleId}>
      <h2 id={titleId} className="side-card-title">
        Words that fit
      </h2>
      <p className="muted small">Scripts for this step and this customer, already filled in. Insert one, then make it yours.</p>
      <label htmlFor={searchId} className="visually-hidden">
        Search scripts
      </label>
      <input
        id={searchId}
        type="search"
        className="script-search"
        data-testid="script-search"
        placeholder="Search scripts…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {assist.data ? (
        suggestions.length > 0 ? (
          <ul className="script-list">
            {suggestions.map((script) => (
              <ScriptCard key={script.key} script={script} stepText={stepLabel(steps, script.step)} onInsert={onInsert} />
            ))}
          </ul>
        ) : (
          <p className="empty">No suggested script matches. Try the whole library below.</p>
        )
      ) : (
        <QueryState isPending={assist.isPending} error={assist.error} />
      )}
      <details className="script-library-browse" open={browsing} onToggle={(event) => setBrowsing(event.currentTarget.open)}>
        <summary>Browse the whole library</summary>
        {browsing ? <LibraryBrowser query={deferred} steps={steps} onInsert={onInsert} /> : null}
      </details>
    </section>
  );
}

function ScriptCard({
  script,
  stepText,
  onInsert,
}: {
  script: ScriptSuggestion;
  stepText: string;
  onInsert: (script: InsertedTemplate) => void;
}) {
  return (
    <li
      className="script-card"
      data-testid="script-suggestion"
      data-key={script.key}
      data-step={script.step}
      data-language={script.language}
    >
      <p className="script-title">{script.title}</p>
      <p className="script-meta muted small">
        {stepText} · {languageName(script.language)}
      </p>
      {script.reasons.length > 0 ? <p className="script-why small">Why: {script.reasons.join(', ')}.</p> : null}
      {script.missing.length > 0 ? (
        <p className="script-missing small">Fill in before sending: {script.missing.join(', ')}.</p>
      ) : null}
      <details className="script-preview">
        <summary>Read it</summary>
        <p className="message-body small" data-testid="script-text">
          {script.text}
        </p>
      </details>
      <button
        type="button"
        className="button-primary"
        data-testid="script-insert"
        onClick={() => onInsert({ key: script.key, text: script.text })}
      >
        Insert<span className="visually-hidden">: {script.title}</span>
      </button>
    </li>
  );
}

function LibraryBrowser({
  query,
  steps,
  onInsert,
}: {
  query: string;
  steps: readonly PlaybookStep[];
  onInsert: (script: InsertedTemplate) => void;
}) {
  const library = useQuery({ queryKey: queryKeys.scripts(false), queryFn: () => scriptsApi.list(false), staleTime: 60_000 });
  const [step, setStep] = useState('');
  const stepId = useId();
  const items = (library.data?.items ?? []).filter(
    (script) =>
      (!step || script.step === step) && (!query.trim() || matches(query, script.title, script.body, script.language, script.id)),
  );
  return (
    <div className="library-browser">
      <label htmlFor={stepId} className="small">
        Step
      </label>{' '}
      <select id={stepId} value={step} onChange={(event) => setStep(event.target.value)}>
        <option value="">Every step</option>
        {steps.map((each) => (
          <option key={each.id} value={each.id}>
            {each.number}. {each.title}
          </option>
        ))}
      </select>
      <QueryState
        isPending={library.isPending}
        error={library.error}
        empty={library.data && items.length === 0 ? 'No script matches.' : false}
      />
      <p className="muted small">Library scripts are not filled in: replace the {'{{placeholders}}'} yourself.</p>
      <ul className="script-list">
        {items.slice(0, 30).map((script) => (
          <li key={script.id} className="script-card" data-testid="library-script" data-key={script.id}>
            <p className="script-title">{script.title}</p>
            <p className="script-meta muted small">
              {stepLabel(steps, script.step)} · {languageName(script.language)}
            </p>
            <details className="script-preview">
              <summary>Read it</summary>
              <p className="message-body small">{script.body}</p>
            </details>
            <button type="button" onClick={() => onInsert({ key: script.id, text: script.body })}>
              Insert<span className="visually-hidden">: {script.title}</span>
            </button>
          </li>
        ))}
      </ul>
      {items.length > 30 ? <p className="muted small">Showing 30 of {items.length}. Search to narrow it down.</p> : null}
    </div>
  );
}
