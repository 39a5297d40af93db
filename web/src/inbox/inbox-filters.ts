import type { ConversationFilters, InboxSort } from '../api/endpoints';
import { type ConversationStatus, conversationFlags, conversationStatuses } from '../api/types';

export const defaultStatuses: ConversationStatus[] = ['open', 'pending', 'escalated'];

/** Reads the inbox filters from the URL; no `status` means the working set, `status=all` means every status. */
export function filtersFromSearch(search: URLSearchParams): ConversationFilters {
  const rawStatus = search.get('status');
  let statuses: string[];
  if (rawStatus === null) statuses = defaultStatuses;
  else if (rawStatus === 'all' || rawStatus === '') statuses = [];
  else statuses = rawStatus.split(',').filter((value) => (conversationStatuses as string[]).includes(value));
  const rawSort = search.get('sort');
  const sort: InboxSort = rawSort === 'waiting' || rawSort === 'heat' ? rawSort : 'newest';
  const rawHeat = Number(search.get('minHeat') ?? '');
  const minHeat = search.get('minHeat') && Number.isInteger(rawHeat) && rawHeat >= 0 && rawHeat <= 100 ? String(rawHeat) : '';
  const rawFlag = search.get('flag') ?? '';
  const flag = (conversationFlags as string[]).includes(rawFlag) ? rawFlag : '';
  return {
    status: statuses.join(','),
    assigneeId: search.get('assignee') ?? '',
    channel: search.get('channel') ?? '',
    sort,
    minHeat,
    flag,
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
  if (filters.minHeat) search.set('minHeat', filters.minHeat);
  if (filters.flag) search.set('flag', filters.flag);
  return search;
}
