import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { chatApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { Message } from '../api/types';
import type { ChatTyping } from '../realtime/apply-event';

/** The widget repeats "typing" every 2 s while the customer types; silence this long means they stopped. */
const typingFadesAfterMs = 6_000;
/** The agent's "typing" goes out at most this often, and "stopped" after this long without a key. */
const typingEveryMs = 2_000;
const typingStopsAfterMs = 4_000;

/** The chat's read state: which agent replies the customer has seen in the widget. */
export function useChatSeen(conversationId: string, enabled: boolean, messages: readonly Message[]): ReadonlySet<string> {
  const sessions = useQuery({
    queryKey: queryKeys.chatSessions(conversationId),
    queryFn: () => chatApi.sessions(conversationId),
    enabled,
  });
  return useMemo(() => {
    const seen = new Set<string>();
    if (!enabled) return seen;
    // The furthest any of the customer's chat windows has read.
    let readUntil = '';
    for (const session of sessions.data?.sessions ?? []) {
      if (!session.customerReadMessageId) continue;
      const read = messages.find((message) => message.id === session.customerReadMessageId);
      const at = read?.createdAt ?? session.customerReadAt ?? '';
      if (at > readUntil) readUntil = at;
    }
    if (!readUntil) return seen;
    for (const message of messages) {
      if (message.kind === 'agent' && message.createdAt <= readUntil) seen.add(message.id);
    }
    return seen;
  }, [enabled, sessions.data, messages]);
}

/** Tells the customer's widget the agent has read up to the newest customer message, while this screen is in view. */
export function useMarkChatRead(conversationId: string, enabled: boolean, messages: readonly Message[]): void {
  const lastCustomer = messages.findLast((message) => message.kind === 'customer')?.id;
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!enabled || !lastCustomer) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || sent.current === lastCustomer) return;
      sent.current = lastCustomer;
      chatApi.read(conversationId, lastCustomer).catch(() => {
        // Read state is a courtesy to the customer; try again with the next message.
        sent.current = null;
      });
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [conversationId, enabled, lastCustomer]);
}

/** "Customer is typing…", announced politely to screen readers. Fades if the widget goes quiet. */
export function TypingIndicator({ conversationId, customerName }: { conversationId: string; customerName: string }) {
  const queryClient = useQueryClient();
  const typing = useQuery({
    queryKey: queryKeys.chatTyping(conversationId),
    // Never fetched: only `chat.typing` events fill it.
    queryFn: () => queryClient.getQueryData<ChatTyping>(queryKeys.chatTyping(conversationId)) ?? null,
    enabled: false,
    initialData: null,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [, setTick] = useState(0);
  const heardAt = typing.data?.heardAt ?? 0;
  const active = Boolean(typing.data?.typing) && Date.now() - heardAt < typingFadesAfterMs;
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setTick((tick) => tick + 1), typingFadesAfterMs - (Date.now() - heardAt) + 50);
    return () => clearTimeout(timer);
  }, [active, heardAt]);
  const firstName = customerName.split(/\s+/)[0] || 'The customer';
  return (
    <p className="typing-indicator" data-testid="typing-indicator" data-typing={active} aria-live="polite">
      {active ? `${firstName} is typing…` : ''}
    </p>
  );
}

/** The agent's typing, told to the customer's widget: "typing" at most every 2 s, "stopped" after a pause or on send. */
export function useAgentTyping(conversationId: string, enabled: boolean) {
  const sentAt = useRef(0);
  const stopTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopped = useCallback(() => {
    clearTimeout(stopTimer.current);
    if (!enabled || sentAt.current === 0) return;
    sentAt.current = 0;
    chatApi.typing(conversationId, false).catch(() => {});
  }, [conversationId, enabled]);

  const typed = useCallback(() => {
    if (!enabled) return;
    const now = Date.now();
    if (now - sentAt.current >= typingEveryMs) {
      sentAt.current = now;
      chatApi.typing(conversationId, true).catch(() => {});
    }
    clearTimeout(stopTimer.current);
    stopTimer.current = setTimeout(stopped, typingStopsAfterMs);
  }, [conversationId, enabled, stopped]);

  // Leaving the conversation ends the typing.
  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}
