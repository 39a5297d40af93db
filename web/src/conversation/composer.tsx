import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { conversationsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { addMessage } from '../realtime/apply-event';
import { ErrorMessage, fieldError } from '../ui/error-message';

type Mode = 'agent' | 'note';

function draftKey(conversationId: string, mode: Mode): string {
  return `defuse:draft:${conversationId}:${mode}`;
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

export function Composer({ conversationId, customerName }: { conversationId: string; customerName: string }) {
  const [mode, setMode] = useState<Mode>('agent');
  const [body, setBody] = useState(() => readDraft(conversationId, 'agent'));
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const inputId = useId();

  useEffect(() => writeDraft(conversationId, mode, body), [conversationId, mode, body]);

  const send = useMutation({
    mutationFn: (text: string) => conversationsApi.send(conversationId, mode, text),
    onSuccess: (message) => {
      addMessage(queryClient, message);
      setBody('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
      inputRef.current?.focus();
    },
  });

  const switchMode = (next: Mode) => {
    if (next === mode) return;
    writeDraft(conversationId, mode, body);
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

  const bodyError = fieldError(send.error, 'body');
  const isNote = mode === 'note';

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
      </div>
      <label htmlFor={inputId} className="visually-hidden">
        {isNote ? 'Internal note, only your team sees it' : `Reply to ${customerName}`}
      </label>
      <textarea
        id={inputId}
        ref={inputRef}
        data-testid="composer-input"
        rows={4}
        value={body}
        placeholder={isNote ? 'Only your team sees this note.' : `Write to ${customerName}…`}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={hintId}
        aria-invalid={bodyError ? true : undefined}
      />
      {bodyError ? <p className="field-error">{bodyError}</p> : null}
      <ErrorMessage error={send.error} fields={['body']} />
      <div className="composer-footer">
        <p className="field-hint" id={hintId}>
          {isNote ? 'Notes stay inside the team.' : 'The customer will see this.'} Ctrl+Enter sends.
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
