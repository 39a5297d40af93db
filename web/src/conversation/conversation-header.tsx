import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ConversationChanges, conversationsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type ConversationSummary, conversationStatuses, priorities } from '../api/types';
import { useUsers } from '../api/use-users';
import { useCurrentUser } from '../auth/session';
import { capitalize, channelLabels } from '../format/labels';
import { formatDateTime } from '../format/time';
import { UnverifiedVisitorBadge } from '../privacy/unverified-visitor';
import { updateConversation } from '../realtime/apply-event';
import { TierBadge } from '../ui/badges';
import { ErrorMessage } from '../ui/error-message';

export function ConversationHeader({ conversation }: { conversation: ConversationSummary }) {
  const queryClient = useQueryClient();
  const users = useUsers();
  const me = useCurrentUser();

  const change = useMutation({
    mutationFn: (changes: ConversationChanges) => conversationsApi.update(conversation.id, changes),
    onSuccess: (updated) => {
      updateConversation(queryClient, updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    },
  });

  const assigneeOptions = (users.data ?? []).filter((user) => user.active || user.id === conversation.assignee?.id);
  const assigneeKnown = !conversation.assignee || assigneeOptions.some((user) => user.id === conversation.assignee?.id);

  return (
    <header className="conversation-header">
      <div className="conversation-title">
        <p className="conversation-kicker">
          <span>#{conversation.number}</span>
          <span>{channelLabels[conversation.channel] ?? conversation.channel}</span>
          <span>
            {conversation.customer.name} <TierBadge tier={conversation.customer.tier} />{' '}
            <UnverifiedVisitorBadge conversation={conversation} />
          </span>
          <span>Started {formatDateTime(conversation.createdAt)}</span>
        </p>
        <h1 id="conversation-title">{conversation.subject || '(no subject)'}</h1>
      </div>
      <div className="conversation-controls" aria-busy={change.isPending}>
        <label>
          <span>Status</span>
          <select
            value={conversation.status}
            disabled={change.isPending}
            onChange={(event) => change.mutate({ status: event.target.value as ConversationSummary['status'] })}
          >
            {conversationStatuses.map((status) => (
              <option key={status} value={status}>
                {capitalize(status)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Priority</span>
          <select
            value={conversation.priority}
            disabled={change.isPending}
            onChange={(event) => change.mutate({ priority: event.target.value as ConversationSummary['priority'] })}
          >
            {priorities.map((priority) => (
              <option key={priority} value={priority}>
                {capitalize(priority)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Assignee</span>
          <select
            value={conversation.assignee?.id ?? ''}
            disabled={change.isPending}
            onChange={(event) => change.mutate({ assigneeId: event.target.value || null })}
          >
            <option value="">Unassigned</option>
            {!assigneeKnown && conversation.assignee ? (
              <option value={conversation.assignee.id}>{conversation.assignee.name}</option>
            ) : null}
            {assigneeOptions.map((user) => (
              <option key={user.id} value={user.id}>
                {user.id === me.id ? `${user.name} (me)` : user.name}
              </option>
            ))}
          </select>
        </label>
        {conversation.assignee?.id !== me.id ? (
          <button type="button" disabled={change.isPending} onClick={() => change.mutate({ assigneeId: me.id })}>
            Take it
          </button>
        ) : null}
      </div>
      <ErrorMessage error={change.error} />
    </header>
  );
}
