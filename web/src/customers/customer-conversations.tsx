import { Link } from 'react-router';
import { formatDate } from '../format/time';
import { StatusBadge } from '../ui/badges';
import { QueryState } from '../ui/states';
import { useCustomerConversations } from './use-customer';

export function CustomerConversations({
  customerId,
  currentConversationId,
}: {
  customerId: string;
  currentConversationId?: string;
}) {
  const conversations = useCustomerConversations(customerId);
  const items = (conversations.data ?? []).filter((item) => item.id !== currentConversationId);
  return (
    <section className="panel-section" aria-labelledby={`conversations-${customerId}`}>
      <h3 id={`conversations-${customerId}`} className="panel-subtitle">
        {currentConversationId ? 'Other conversations' : 'Conversations'}
      </h3>
      <QueryState
        isPending={conversations.isPending}
        error={conversations.error}
        empty={conversations.isSuccess && items.length === 0 && 'No other conversations.'}
      />
      {items.length > 0 ? (
        <ul className="past-conversations">
          {items.map((conversation) => (
            <li key={conversation.id}>
              <Link to={`/conversations/${conversation.id}`}>
                #{conversation.number} {conversation.subject || '(no subject)'}
              </Link>
              <span className="past-conversation-meta">
                <StatusBadge status={conversation.status} /> {formatDate(conversation.lastMessageAt)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
