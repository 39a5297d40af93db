import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { ServerEvent } from '../api/types';
import { applyServerEvent } from './apply-event';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

const pingEveryMs = 25_000;
const maxDelayMs = 30_000;

/**
 * Each connection asks for a fresh single-use ticket (valid 30 s): the socket URL never carries a
 * long-lived secret, and the ticket request carries the CSRF header like every other change.
 */
async function eventsUrl(): Promise<string> {
  const { ticket } = await api.post<{ ticket: string }>('/api/v1/events/ticket', undefined, { allowUnauthorized: true });
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/api/v1/events?ticket=${encodeURIComponent(ticket)}`;
}

/** One WebSocket for live updates while signed in, reconnecting with back-off. */
export function useRealtime(enabled: boolean): ConnectionState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let everOpened = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    let fetchingTicket = false;

    const retryLater = () => {
      setState('reconnecting');
      attempt += 1;
      // After a few failures, check the session is still alive (signs out when it is not).
      if (attempt === 3) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      const delay = Math.min(maxDelayMs, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      retryTimer = setTimeout(connect, delay);
    };

    const connect = async () => {
      clearTimeout(retryTimer);
      if (stopped) return;
      setState(everOpened ? 'reconnecting' : 'connecting');
      let url: string;
      fetchingTicket = true;
      try {
        url = await eventsUrl();
      } catch {
        if (!stopped) retryLater();
        return;
      } finally {
        fetchingTicket = false;
      }
      if (stopped) return;
      const current = new WebSocket(url);
      socket = current;
      current.onopen = () => {
        if (socket !== current) return;
        attempt = 0;
        setState('open');
        // Anything may have changed while we were away.
        if (everOpened) void queryClient.invalidateQueries();
        everOpened = true;
        clearInterval(pingTimer);
        pingTimer = setInterval(() => {
          if (current.readyState === WebSocket.OPEN) current.send(JSON.stringify({ type: 'ping' }));
        }, pingEveryMs);
      };
      current.onmessage = (message) => {
        if (typeof message.data !== 'string') return;
        try {
          applyServerEvent(queryClient, JSON.parse(message.data) as ServerEvent);
        } catch {
          // A frame we do not understand is not worth breaking the screen for.
        }
      };
      current.onclose = () => {
        if (socket !== current) return;
        clearInterval(pingTimer);
        socket = null;
        if (stopped) return;
        retryLater();
      };
    };

    const reconnectNow = () => {
      if (!socket && !fetchingTicket) {
        attempt = 0;
        void connect();
      }
    };

    void connect();
    window.addEventListener('online', reconnectNow);
    return () => {
      stopped = true;
      window.removeEventListener('online', reconnectNow);
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close();
      socket = null;
    };
  }, [enabled, queryClient]);

  return state;
}
