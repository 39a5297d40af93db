import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { queryKeys } from '../api/query-keys';
import type { ConversationSummary } from '../api/types';

/** One conversation where a customer crossed a line, as a manager's alert (one per conversation). */
export interface AbuseAlert {
  conversationId: string;
  messageId: string;
  conversation: ConversationSummary;
  kinds: string[];
  /** How many abusive messages arrived in this conversation since the alert was last dismissed. */
  count: number;
  at: string;
}

/**
 * Alerts live in the query cache so the live connection can add them and signing out (which clears
 * the cache) forgets them. The query never fetches: only `abuse.detected` events fill it.
 */
export function addAbuseAlert(queryClient: QueryClient, alert: Omit<AbuseAlert, 'count'>): void {
  queryClient.setQueryData<AbuseAlert[]>(queryKeys.abuseAlerts, (old = []) => {
    const existing = old.find((item) => item.conversationId === alert.conversationId);
    if (existing?.messageId === alert.messageId) return old;
    const next: AbuseAlert = { ...alert, count: (existing?.count ?? 0) + 1 };
    // Newest on top; a conversation that crosses the line again comes back to the top.
    return [next, ...old.filter((item) => item.conversationId !== alert.conversationId)];
  });
}

function storageKey(userId: string): string {
  return `defuse:abuse-alerts:${userId}`;
}

/** Alerts survive a reload of this tab (they stay until dismissed), never another user's sign-in. */
function readStored(userId: string): AbuseAlert[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as AbuseAlert[]).filter((item) => typeof item?.conversationId === 'string') : [];
  } catch {
    return [];
  }
}

function writeStored(userId: string, alerts: AbuseAlert[]): void {
  try {
    if (alerts.length > 0) sessionStorage.setItem(storageKey(userId), JSON.stringify(alerts.slice(0, 50)));
    else sessionStorage.removeItem(storageKey(userId));
  } catch {
    // Private mode or full storage: alerts just do not survive a reload.
  }
}

export function useAbuseAlerts(userId: string) {
  const queryClient = useQueryClient();
  const alerts = useQuery({
    queryKey: queryKeys.abuseAlerts,
    // Never fetched (enabled: false); if something refetches anyway, keep what we have.
    queryFn: () => queryClient.getQueryData<AbuseAlert[]>(queryKeys.abuseAlerts) ?? [],
    enabled: false,
    initialData: () => readStored(userId),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => writeStored(userId, alerts.data), [userId, alerts.data]);
  const dismiss = useCallback(
    (conversationId: string) =>
      queryClient.setQueryData<AbuseAlert[]>(queryKeys.abuseAlerts, (old = []) =>
        old.filter((item) => item.conversationId !== conversationId),
      ),
    [queryClient],
  );
  const dismissAll = useCallback(() => queryClient.setQueryData<AbuseAlert[]>(queryKeys.abuseAlerts, []), [queryClient]);
  return { alerts: alerts.data, dismiss, dismissAll };
}
