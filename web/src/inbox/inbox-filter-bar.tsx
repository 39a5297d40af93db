import type { ConversationFilters } from '../api/endpoints';
import { channels, conversationStatuses } from '../api/types';
import { useUsers } from '../api/use-users';
import { capitalize, channelLabels } from '../format/labels';
import { selectedStatuses } from './inbox-filters';

interface InboxFilterBarProps {
  filters: ConversationFilters;
  onChange: (filters: ConversationFilters) => void;
}

export function InboxFilterBar({ filters, onChange }: InboxFilterBarProps) {
  const users = useUsers();
  const statuses = selectedStatuses(filters);
  const toggleStatus = (status: string) => {
    const next = statuses.includes(status as never)
      ? statuses.filter((value) => value !== status)
      : conversationStatuses.filter((value) => value === status || statuses.includes(value));
    onChange({ ...filters, status: next.join(',') });
  };

  return (
    <form className="filter-bar" aria-label="Filter conversations" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="chips">
        <legend>Status</legend>
        {conversationStatuses.map((status) => (
          <button
            key={status}
            type="button"
            className="chip"
            aria-pressed={statuses.includes(status)}
            onClick={() => toggleStatus(status)}
          >
            {capitalize(status)}
          </button>
        ))}
        {statuses.length === 0 ? <span className="chip-hint">Showing every status</span> : null}
      </fieldset>
      <div className="filter-selects">
        <label>
          <span>Assignee</span>
          <select value={filters.assigneeId} onChange={(event) => onChange({ ...filters, assigneeId: event.target.value })}>
            <option value="">Anyone</option>
            <option value="me">Me</option>
            <option value="none">Unassigned</option>
            {(users.data ?? [])
              .filter((user) => user.active || user.id === filters.assigneeId)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          <span>Channel</span>
          <select value={filters.channel} onChange={(event) => onChange({ ...filters, channel: event.target.value })}>
            <option value="">All channels</option>
            {channels.map((channel) => (
              <option key={channel} value={channel}>
                {channelLabels[channel]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Sort</span>
          <select
            value={filters.sort}
            onChange={(event) => onChange({ ...filters, sort: event.target.value === 'waiting' ? 'waiting' : 'newest' })}
          >
            <option value="newest">Newest activity</option>
            <option value="waiting">Longest waiting</option>
          </select>
        </label>
      </div>
    </form>
  );
}
