import { useQuery } from '@tanstack/react-query';
import { ApiError, setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { Session } from '../api/types';

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await authApi.me();
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user (null when signed out). */
export function useSession() {
  return useQuery({ queryKey: queryKeys.me, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** The signed-in user inside the signed-in part of the app. */
export function useCurrentUser() {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser used outside the signed-in app');
  return data.user;
}

/** Only same-site paths, so a crafted link cannot send people elsewhere after sign-in. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/inbox';
  return next;
}
