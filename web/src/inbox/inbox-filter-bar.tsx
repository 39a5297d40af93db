import type { ConversationFilters, InboxSort } from '../api/endpoints';
import { type ConversationFlag, channels, conversationFlags, conversationStatuses } from '../api/types';
import { useUsers } from '../api/use-users';
import { capitalize, channelLabels } from '../format/labels';
import { selectedStatuses } from './inbox-filters';

const heatChoices = [
  { value: '20', label: '20+ (dissatisfied)' },
  { value: '40', label: '40+ (upset)' },
  { value: '60', label: '60+ (angry)' },
  { value: '80', label: '80+ (hostile)' },
];

const flagFilterLabels: Record<ConversationFlag, string> = {
  abuse: 'Abuse',
  threat: 'Threat of violence',
  legal_threat: 'Legal threat',
  public_shaming: 'Public post or review threat',
};

function sortFrom(value: string): InboxSort {
  return value === 'waiting' || value === 'heat' ? value : 'newest';
}

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
            data-testid="inbox-sort"
            onChange={(event) => onChange({ ...filters, sort: sortFrom(event.target.value) })}
          >
            <option value="newest">Newest activity</option>
            <option value="waiting">Longest waiting</option>
            <option value="heat">Hottest first</option>
          </select>
        </label>
        <label>
          <span>Heat</span>
          <select
            value={filters.minHeat}
            data-testid="inbox-min-heat"
            onChange={(event) => onChange({ ...filters, minHeat: event.target.value })}
          >
            <option value="">Any heat</option>
            {heatChoices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
            {filters.minHeat && !heatChoices.some((choice) => choice.value === filters.minHeat) ? (
              <option value={filters.minHeat}>{filters.minHeat}+</option>
            ) : null}
          </select>
        </label>
        <label>
          <span>Flag</span>
          <select
            value={filters.flag}
            data-testid="inbox-flag"
            onChange={(event) => onChange({ ...filters, flag: event.target.value })}
          >
            <option value="">Any or none</option>
            {conversationFlags.map((flag) => (
              <option key={flag} value={flag}>
                {flagFilterLabels[flag]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </form>
  );
}
