import type { ConversationFilters } from '../api/endpoints';
import { type ConversationStatus, conversationStatuses } from '../api/types';

export const defaultStatuses: ConversationStatus[] = ['open', 'pending', 'escalated'];

/** Reads the inbox filters from the URL; no `status` means the working set, `status=all` means every status. */
export function filtersFromSearch(search: URLSearchParams): ConversationFilters {
  const rawStatus = search.get('status');
  let statuses: string[];
  if (rawStatus === null) statuses = defaultStatuses;
  else if (rawStatus === 'all' || rawStatus === '') statuses = [];
  else statuses = rawStatus.split(',').filter((value) => (conversationStatuses as string[]).includes(value));
  const sort = search.get('sort') === 'waiting' ? 'waiting' : 'newest';
  return {
    status: statuses.join(','),
    assigneeId: search.get('assignee') ?? '',
    channel: search.get('channel') ?? '',
    sort,
  };
}

export function selectedStatuses(filters: ConversationFilters): ConversationStatus[] {
  return filters.status ? (filters.status.split(',') as ConversationStatus[]) : [];
}

/** Writes the filters back, keeping the URL short when a value is the default. */
export function searchFromFilters(filters: ConversationFilters): URLSearchParams {
  const search = new URLSearchParams();
  const statuses = selectedStatuses(filters);
  const isDefault = statuses.length === defaultStatuses.length && defaultStatuses.every((status) => statuses.includes(status));
  if (!isDefault) search.set('status', statuses.length ? statuses.join(',') : 'all');
  if (filters.assigneeId) search.set('assignee', filters.assigneeId);
  if (filters.channel) search.set('channel', filters.channel);
  if (filters.sort !== 'newest') search.set('sort', filters.sort);
  return search;
}
