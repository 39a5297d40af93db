import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, type Ref, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { conversationsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { InsertedTemplate } from '../api/types';
import { CoachPanel } from '../coach/coach-panel';
import { applyReplacement, type Replacement } from '../coach/coach-words';
import { DraftHighlights } from '../coach/draft-highlights';
import { useLiveCoach } from '../coach/use-live-coach';
import { addMessage } from '../realtime/apply-event';
import { ErrorMessage, fieldError } from '../ui/error-message';

type Mode = 'agent' | 'note';

/** What the rest of the conversation screen can do with the composer. */
export interface ComposerHandle {
  /** Puts a script into the reply for editing and remembers it, to tell the coach and the server. */
  insertScript: (script: InsertedTemplate) => void;
}

function draftKey(conversationId: string, mode: Mode): string {
  return `defuse:draft:${conversationId}:${mode}`;
}

function templateKey(conversationId: string): string {
  return `defuse:template:${conversationId}`;
}

function readDraft(conversationId: string, mode: Mode): string {
  try {
    return sessionStorage.getItem(draftKey(conversationId, mode)) ?? '';
  } catch {
    return '';
  }
}

function writeDraft(conversationId: string, mode: Mode, text: string): void {
  try {
    if (text) sessionStorage.setItem(draftKey(conversationId, mode), text);
    else sessionStorage.removeItem(draftKey(conversationId, mode));
  } catch {
    // Private mode: drafts just do not survive a reload.
  }
}

function readTemplate(conversationId: string): InsertedTemplate | null {
  try {
    const stored = sessionStorage.getItem(templateKey(conversationId));
    return stored ? (JSON.parse(stored) as InsertedTemplate) : null;
  } catch {
    return null;
  }
}

function writeTemplate(conversationId: string, template: InsertedTemplate | null): void {
  try {
    if (template) sessionStorage.setItem(templateKey(conversationId), JSON.stringify(template));
    else sessionStorage.removeItem(templateKey(conversationId));
  } catch {
    // as above
  }
}

export function Composer({
  conversationId,
  customerName,
  coachEnabled = true,
  typing,
  ref,
}: {
  conversationId: string;
  customerName: string;
  coachEnabled?: boolean;
  /** Chat: tells the customer's widget the agent is typing a reply (never while writing a note). */
  typing?: { typed: () => void; stopped: () => void } | undefined;
  ref?: Ref<ComposerHandle>;
}) {
  const [mode, setMode] = useState<Mode>('agent');
  const [body, setBody] = useState(() => readDraft(conversationId, 'agent'));
  const [template, setTemplate] = useState<InsertedTemplate | null>(() => readTemplate(conversationId));
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const inputId = useId();
  const isNote = mode === 'note';

  useEffect(() => writeDraft(conversationId, mode, body), [conversationId, mode, body]);
  useEffect(() => writeTemplate(conversationId, template), [conversationId, template]);

  const coach = useLiveCoach(conversationId, body, template?.text ?? null, coachEnabled && !isNote);
  const current = coach.review !== null && coach.reviewedDraft === body;

  useImperativeHandle(
    ref,
    () => ({
      insertScript: (script) => {
        if (mode === 'note') {
          writeDraft(conversationId, 'note', body);
          setMode('agent');
        }
        const existing = mode === 'note' ? readDraft(conversationId, 'agent') : body;
        const textarea = inputRef.current;
        let next = script.text;
        let caret = next.length;
        if (existing.trim()) {
          // Into the draft at the caret, on its own paragraph.
          const at = mode === 'agent' && textarea ? textarea.selectionStart : existing.length;
          const before = existing.slice(0, at).replace(/\s*$/, '');
          const after = existing.slice(at).replace(/^\s*/, '');
          next = `${before ? `${before}\n\n` : ''}${script.text}${after ? `\n\n${after}` : ''}`;
          caret = (before ? before.length + 2 : 0) + script.text.length;
        }
        setBody(next);
        setTemplate(script);
        requestAnimationFrame(() => {
          const input = inputRef.current;
          if (!input) return;
          input.focus();
          input.setSelectionRange(caret, caret);
        });
      },
    }),
    [body, conversationId, mode],
  );

  const send = useMutation({
    mutationFn: (text: string) => conversationsApi.send(conversationId, mode, text, mode === 'agent' ? template : null),
    onSuccess: (message) => {
      if (message.kind === 'agent') typing?.stopped();
      addMessage(queryClient, message);
      setBody('');
      if (message.kind === 'agent') setTemplate(null);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      // The coach ticks the checklist from the sent reply; the step may move on.
      void queryClient.invalidateQueries({ queryKey: queryKeys.assist(conversationId) });
      inputRef.current?.focus();
    },
  });

  const switchMode = (next: Mode) => {
    if (next === mode) return;
    writeDraft(conversationId, mode, body);
    if (next === 'note') typing?.stopped();
    setMode(next);
    setBody(readDraft(conversationId, next));
    send.reset();
  };

  const submit = () => {
    const text = body.trim();
    if (!text || send.isPending) return;
    send.mutate(text);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const onChange = (text: string) => {
    setBody(text);
    if (!text.trim()) setTemplate(null);
    if (!isNote && typing) {
      if (text.trim()) typing.typed();
      else typing.stopped();
    }
  };

  const applySuggestion = (replacement: Replacement) => {
    setBody(applyReplacement(body, replacement));
    const caret = replacement.start + replacement.text.length;
    requestAnimationFrame(() => {
      const input = inputRef.current;
      if (!input) return;
      input.focus();
      input.setSelectionRange(caret, caret);
    });
  };

  const showInDraft = (span: { start: number; end: number }) => {
    const input = inputRef.current;
    if (!input) return;
    input.focus();
    input.setSelectionRange(span.start, span.end);
  };

  const bodyError = fieldError(send.error, 'body');
  const showCoach = coachEnabled && !isNote;

  return (
    <form className={`composer composer-${mode}`} onSubmit={onSubmit} aria-label="Write a reply or note">
      <div className="composer-modes" role="radiogroup" aria-label="What are you writing?">
        <label className="composer-mode">
          <input type="radio" name={`mode-${conversationId}`} checked={!isNote} onChange={() => switchMode('agent')} />
          <span>Reply to customer</span>
        </label>
        <label className="composer-mode">
          <input type="radio" name={`mode-${conversationId}`} checked={isNote} onChange={() => switchMode('note')} />
          <span>Internal note</span>
        </label>
        {template && !isNote ? (
          <span className="composer-template muted small" data-testid="composer-template" data-key={template.key}>
            From a script{body.trim() === template.text.trim() ? ', not changed yet' : ', edited'}
          </span>
        ) : null}
      </div>
      <label htmlFor={inputId} className="visually-hidden">
        {isNote ? 'Internal note, only your team sees it' : `Reply to ${customerName}`}
      </label>
      <div className={showCoach ? 'composer-input-wrap with-highlights' : 'composer-input-wrap'}>
        {showCoach ? (
          <DraftHighlights
            draft={body}
            findings={current && coach.review ? coach.review.findings : noFindings}
            strengths={current && coach.review ? coach.review.strengths : noStrengths}
            current={current}
            textareaRef={inputRef}
          />
        ) : null}
        <textarea
          id={inputId}
          ref={inputRef}
          data-testid="composer-input"
          rows={5}
          value={body}
          placeholder={isNote ? 'Only your team sees this note.' : `Write to ${customerName}…`}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={hintId}
          aria-invalid={bodyError ? true : undefined}
          spellCheck
        />
      </div>
      {bodyError ? <p className="field-error">{bodyError}</p> : null}
      <ErrorMessage error={send.error} fields={['body']} />
      {showCoach ? (
        <CoachPanel
          draft={body}
          review={coach.review}
          current={current}
          checking={coach.checking}
          error={coach.error}
          onUse={applySuggestion}
          onShow={showInDraft}
        />
      ) : null}
      <div className="composer-footer">
        <p className="field-hint" id={hintId}>
          {isNote
            ? 'Notes stay inside the team.'
            : 'The customer will see this. The coach only advises: you decide what to send.'}{' '}
          Ctrl+Enter sends.
        </p>
        <button
          type="submit"
          className={isNote ? 'button-note' : 'button-primary'}
          data-testid="composer-send"
          disabled={send.isPending || !body.trim()}
        >
          {send.isPending ? 'Sending…' : isNote ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

const noFindings: never[] = [];
const noStrengths: never[] = [];
