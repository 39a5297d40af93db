import { useEffect, useRef, useState } from 'react';
import { assistApi } from '../api/endpoints';
import type { ReplyReview } from '../api/types';

export const coachDebounceMs = 250;

export interface LiveCoach {
  review: ReplyReview | null;
  /** The draft the review was made for; highlights only line up while it equals the current draft. */
  reviewedDraft: string | null;
  checking: boolean;
  error: unknown;
}

/**
 * The reply coach as the agent types: waits for a pause, asks the server, and drops any answer
 * that a newer keystroke has made stale (the request itself is cancelled).
 */
export function useLiveCoach(
  conversationId: string,
  draft: string,
  insertedTemplate: string | null,
  enabled: boolean,
): LiveCoach {
  const [state, setState] = useState<LiveCoach>({ review: null, reviewedDraft: null, checking: false, error: null });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    controller.current?.abort();
    if (!enabled || !draft.trim()) {
      setState({ review: null, reviewedDraft: null, checking: false, error: null });
      return;
    }
    setState((old) => (old.checking ? old : { ...old, checking: true }));
    const timer = setTimeout(() => {
      const abort = new AbortController();
      controller.current = abort;
      performance.clearMarks('coach:check-start');
      performance.clearMarks('coach:highlights-shown');
      performance.mark('coach:check-start');
      assistApi
        .coach(conversationId, draft, insertedTemplate, abort.signal)
        .then((review) => {
          if (abort.signal.aborted) return;
          setState({ review, reviewedDraft: draft, checking: false, error: null });
        })
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          setState((old) => ({ ...old, checking: false, error }));
        });
    }, coachDebounceMs);
    return () => clearTimeout(timer);
  }, [conversationId, draft, insertedTemplate, enabled]);

  useEffect(() => () => controller.current?.abort(), []);
  return state;
}
