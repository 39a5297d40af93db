import { useMutation, useQueryClient } from '@tanstack/react-query';
import { conversationsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { ConversationSummary } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { signalLabel } from '../format/signals';
import { updateConversation } from '../realtime/apply-event';
import { ErrorMessage } from '../ui/error-message';

/**
 * Shown to whoever works a conversation in which the customer crossed a line (insult, threat,
 * harassment, slur). Protective first: the agent does not have to take it.
 */
export function AbuseBanner({ conversation, signals }: { conversation: ConversationSummary; signals: string[] }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const escalate = useMutation({
    mutationFn: () => conversationsApi.update(conversation.id, { status: 'escalated' }),
    onSuccess: (updated) => {
      updateConversation(queryClient, updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    },
  });
  const canEscalate = me.role !== 'qa' && conversation.status !== 'escalated';
  const what = signals.map((signal) => signalLabel(signal).toLowerCase());
  return (
    <div className="abuse-banner" role="alert" data-testid="abuse-banner">
      <p className="abuse-banner-title">
        <strong>This customer crossed a line.</strong> You don't have to take abuse: set a boundary, and ask a manager to step in.
      </p>
      <p className="abuse-banner-detail">
        {what.length > 0 ? `We read: ${what.join(', ')} (marked below). ` : ''}A calm boundary can sound like: “I want to help
        you, and I can do that when we keep this respectful.”
      </p>
      {canEscalate ? (
        <button type="button" onClick={() => escalate.mutate()} disabled={escalate.isPending}>
          {escalate.isPending ? 'Escalating…' : 'Escalate to a manager'}
        </button>
      ) : conversation.status === 'escalated' ? (
        <p className="abuse-banner-detail">This conversation is escalated, so managers can see it.</p>
      ) : null}
      <ErrorMessage error={escalate.error} />
    </div>
  );
}
