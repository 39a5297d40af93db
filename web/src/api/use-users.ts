import { useQuery } from '@tanstack/react-query';
import { usersApi } from './endpoints';
import { queryKeys } from './query-keys';

/** Everyone who can sign in, for assignee pickers and the admin list. */
export function useUsers() {
  return useQuery({ queryKey: queryKeys.users, queryFn: usersApi.list, staleTime: 60_000, select: (data) => data.items });
}
