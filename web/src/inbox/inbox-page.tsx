import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type ConversationFilters, conversationsApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { usePageTitle } from '../shell/use-page-title';
import { QueryState } from '../ui/states';
import { useNow } from '../ui/use-now';
import { InboxFilterBar } from './inbox-filter-bar';
import { filtersFromSearch, searchFromFilters } from './inbox-filters';
import { InboxRow } from './inbox-row';

export function InboxPage() {
  usePageTitle('Inbox');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(searchParams), [searchParams]);
  const now = useNow();

  const list = useInfiniteQuery({
    queryKey: queryKeys.conversations(filters),
    queryFn: ({ pageParam }) => conversationsApi.list(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

  const conversations = list.data?.pages.flatMap((page) => page.items) ?? [];
  const onChange = (next: ConversationFilters) => setSearchParams(searchFromFilters(next), { replace: true });

  return (
    <section className="page" aria-labelledby="inbox-title">
      <div className="page-header">
        <h1 id="inbox-title">Inbox</h1>
        {list.isSuccess ? (
          <p className="muted" aria-live="polite">
            {conversations.length === 1
              ? '1 conversation'
              : `${conversations.length}${list.hasNextPage ? '+' : ''} conversations`}
          </p>
        ) : null}
      </div>
      <InboxFilterBar filters={filters} onChange={onChange} />
      <QueryState
        isPending={list.isPending}
        error={list.error}
        empty={list.isSuccess && conversations.length === 0 && 'Nothing here right now. Enjoy the quiet.'}
      />
      {conversations.length > 0 ? (
        <ul className="inbox-list" aria-label="Conversations">
          {conversations.map((conversation) => (
            <InboxRow key={conversation.id} conversation={conversation} now={now} />
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" className="load-more" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </section>
  );
}
