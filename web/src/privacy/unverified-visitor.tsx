import { useQuery } from '@tanstack/react-query';
import { chatApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { ConversationSummary } from '../api/types';

/**
 * Tells the agent a chat visitor only typed an e-mail address and has not proved it: the case is
 * held on a stand-in record, not on whoever owns that address, until they verify.
 */
export function UnverifiedVisitorBadge({ conversation }: { conversation: ConversationSummary }) {
  const isChat = conversation.channel === 'chat';
  const sessions = useQuery({
    queryKey: queryKeys.chatSessions(conversation.id),
    queryFn: () => chatApi.sessions(conversation.id),
    enabled: isChat,
  });
  const unverified = sessions.data?.sessions.find((session) => session.verification === 'email');
  if (!isChat || !unverified) return null;
  return (
    <span
      className="badge unverified-visitor"
      data-testid="unverified-visitor"
      title={`Says they are ${unverified.email ?? 'someone'}, not proved yet. Their chat is kept apart from that customer's record until they type the code we e-mailed them.`}
    >
      Unverified visitor
    </span>
  );
}
