import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { assistApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { Assist, PlaybookAction } from '../api/types';

/** The playbook, guidance, filled scripts and regional notes for one conversation. */
export function useAssist(conversationId: string) {
  return useQuery({ queryKey: queryKeys.assist(conversationId), queryFn: () => assistApi.get(conversationId) });
}

/** Ticks, step changes and answers to suggestions; the new state replaces the cached one at once. */
export function usePlaybookAction(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: PlaybookAction) => assistApi.act(conversationId, action),
    onSuccess: (playbook) => {
      queryClient.setQueryData<Assist>(queryKeys.assist(conversationId), (old) => (old ? { ...old, playbook } : old));
      // Guidance and scripts follow the step: fetch them fresh.
      void queryClient.invalidateQueries({ queryKey: queryKeys.assist(conversationId) });
    },
  });
}
