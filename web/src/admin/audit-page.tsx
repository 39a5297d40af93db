import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { auditApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { QueryState } from '../ui/states';

function describeDetails(details: unknown): string {
  if (details === null || details === undefined || details === '') return '';
  if (typeof details === 'string') return details;
  try {
    return JSON.stringify(details);
  } catch {
    return String(details);
  }
}

export function AuditPage() {
  usePageTitle('Audit log');
  const [searchParams, setSearchParams] = useSearchParams();
  const action = searchParams.get('action') ?? '';
  const [actionText, setActionText] = useState(action);
  const log = useInfiniteQuery({
    queryKey: queryKeys.audit(action),
    queryFn: ({ pageParam }) => auditApi.list(action, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const knownActions = [...new Set(entries.map((entry) => entry.action))].sort();

  return (
    <section className="page" aria-labelledby="audit-title">
      <div className="page-header">
        <h1 id="audit-title">Audit log</h1>
      </div>
      <form
        className="filter-bar filter-selects"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          const next = new URLSearchParams(searchParams);
          if (actionText.trim()) next.set('action', actionText.trim());
          else next.delete('action');
          setSearchParams(next, { replace: true });
        }}
      >
        <label className="grow">
          <span>Action</span>
          <input
            list="audit-actions"
            value={actionText}
            placeholder="Every action"
            onChange={(event) => setActionText(event.target.value)}
          />
          <datalist id="audit-actions">
            {knownActions.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        </label>
        <button type="submit">Filter</button>
        {action ? (
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setActionText('');
              setSearchParams(new URLSearchParams(), { replace: true });
            }}
          >
            Clear
          </button>
        ) : null}
      </form>
      <QueryState
        isPending={log.isPending}
        error={log.error}
        empty={log.isSuccess && entries.length === 0 && 'Nothing recorded yet.'}
      />
      {entries.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Details</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td className="nowrap">{formatDateTime(entry.at)}</td>
                  <td>{entry.actor?.name ?? 'System'}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.subjectType} <span className="muted small">{entry.subjectId}</span>
                  </td>
                  <td className="audit-details">{describeDetails(entry.details)}</td>
                  <td className="nowrap">{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.hasNextPage ? (
        <button type="button" className="load-more" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
        </button>
      ) : null}
    </section>
  );
}
