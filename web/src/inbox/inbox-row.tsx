import { Link } from 'react-router';
import { FlagChips, HeatBadge } from '../analysis/heat';
import type { ConversationSummary } from '../api/types';
import { channelLabels } from '../format/labels';
import { formatDateTime, formatRelative, formatWaiting } from '../format/time';
import { PriorityBadge, StatusBadge, TierBadge } from '../ui/badges';

export function InboxRow({ conversation, now }: { conversation: ConversationSummary; now: number }) {
  const { customer } = conversation;
  return (
    <li className={`inbox-row priority-${conversation.priority}`} data-testid="inbox-row" data-conversation-id={conversation.id}>
      <div className="inbox-row-top">
        <HeatBadge heat={conversation.heat ?? 0} trend={conversation.trend ?? 'steady'} />
        <span className="inbox-number">#{conversation.number}</span>
        <span className="inbox-customer">
          {customer.name} <TierBadge tier={customer.tier} />
        </span>
        <span className="inbox-channel">{channelLabels[conversation.channel] ?? conversation.channel}</span>
        <time className="inbox-time" dateTime={conversation.lastMessageAt} title={formatDateTime(conversation.lastMessageAt)}>
          {formatRelative(conversation.lastMessageAt, now)}
        </time>
      </div>
      <h2 className="inbox-subject">
        <Link to={`/conversations/${conversation.id}`} className="stretched-link">
          {conversation.subject || '(no subject)'}
        </Link>
      </h2>
      <p className="inbox-preview">{conversation.lastMessagePreview}</p>
      <div className="inbox-meta">
        <FlagChips flags={conversation.flags ?? []} />
        <StatusBadge status={conversation.status} />
        <PriorityBadge priority={conversation.priority} />
        <span className="inbox-assignee">{conversation.assignee ? conversation.assignee.name : 'Unassigned'}</span>
        {conversation.waitingSince ? (
          <span className="badge badge-waiting" title={`Waiting since ${formatDateTime(conversation.waitingSince)}`}>
            waiting {formatWaiting(conversation.waitingSince, now)}
          </span>
        ) : null}
      </div>
    </li>
  );
}
