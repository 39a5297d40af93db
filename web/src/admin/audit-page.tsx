import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { auditApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { AuditEntry } from '../api/types';
import { useUsers } from '../api/use-users';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { QueryState } from '../ui/states';
import {
  type AuditFilters,
  actionLabel,
  auditQuery,
  auditSubjectTypes,
  changeLines,
  detailsText,
  emptyAuditFilters,
  knownAuditActions,
} from './audit-format';

const filterKeys = Object.keys(emptyAuditFilters) as Array<keyof AuditFilters>;

function filtersFrom(searchParams: URLSearchParams): AuditFilters {
  const filters = { ...emptyAuditFilters };
  for (const key of filterKeys) filters[key] = searchParams.get(key) ?? '';
  return filters;
}

/** Where a subject lives in the app, when it has a page of its own. */
function subjectLink(entry: AuditEntry): string | null {
  if (!entry.subjectId) return null;
  if (entry.subjectType === 'customer') return `/customers/${entry.subjectId}`;
  if (entry.subjectType === 'conversation') return `/conversations/${entry.subjectId}`;
  return null;
}

function Subject({ entry }: { entry: AuditEntry }) {
  const label = entry.subjectLabel ?? (entry.subjectId ? `${entry.subjectType} ${entry.subjectId}` : entry.subjectType);
  const link = subjectLink(entry);
  return (
    <>
      {link ? <Link to={link}>{label}</Link> : <span>{label}</span>}
      <span className="muted small"> · {entry.subjectType}</span>
    </>
  );
}

function Changes({ entry }: { entry: AuditEntry }) {
  const lines = changeLines(entry);
  const details = detailsText(entry.details);
  return (
    <>
      {lines.length > 0 ? (
        <ul className="audit-changes">
          {lines.map((line) => (
            <li key={line.field} data-testid="audit-change">
              <strong>{line.field}:</strong> {line.from} → {line.to}
            </li>
          ))}
        </ul>
      ) : null}
      {details ? <div className="muted small">{details}</div> : null}
    </>
  );
}

export function AuditPage() {
  usePageTitle('Audit log');
  const [searchParams, setSearchParams] = useSearchParams();
  const applied = filtersFrom(searchParams);
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const users = useUsers();
  const query = auditQuery(applied);
  const log = useInfiniteQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ pageParam }) => auditApi.list(query, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filterKeys.some((key) => applied[key] !== '');
  const set = (key: keyof AuditFilters) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  const apply = (filters: AuditFilters) => {
    const next = new URLSearchParams();
    for (const key of filterKeys) if (filters[key].trim()) next.set(key, filters[key].trim());
    setSearchParams(next, { replace: true });
  };

  return (
    <section className="page" aria-labelledby="audit-title">
      <div className="page-header">
        <h1 id="audit-title">Audit log</h1>
        <a className="button-link" href={auditApi.csvUrl(query)} download="defuse-audit.csv">
          Download CSV
        </a>
      </div>
      <form
        className="filter-bar filter-selects"
        aria-label="Filter the audit log"
        onSubmit={(event) => {
          event.preventDefault();
          apply(draft);
        }}
      >
        <label>
          <span>Who</span>
          <select value={draft.actorId} onChange={set('actorId')}>
            <option value="">Anyone</option>
            {(users.data ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Action</span>
          <input list="audit-actions" value={draft.action} placeholder="Every action" onChange={set('action')} />
          <datalist id="audit-actions">
            {[...new Set(knownAuditActions.map((action) => `${action.split('.')[0]}.*`))].map((family) => (
              <option key={family} value={family}>
                Every {family.slice(0, -2)} action
              </option>
            ))}
            {knownAuditActions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </datalist>
        </label>
        <label>
          <span>Subject</span>
          <select value={draft.subjectType} onChange={set('subjectType')}>
            <option value="">Anything</option>
            {auditSubjectTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Subject id</span>
          <input value={draft.subjectId} placeholder="Any" onChange={set('subjectId')} />
        </label>
        <label>
          <span>From</span>
          <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          <span>To</span>
          <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <button type="submit">Filter</button>
        {filtered ? (
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setDraft(emptyAuditFilters);
              apply(emptyAuditFilters);
            }}
          >
            Clear
          </button>
        ) : null}
      </form>
      <QueryState
        isPending={log.isPending}
        error={log.error}
        empty={log.isSuccess && entries.length === 0 && (filtered ? 'Nothing matches these filters.' : 'Nothing recorded yet.')}
      />
      {entries.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Subject</th>
                <th scope="col">Changes</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td className="nowrap">{formatDateTime(entry.at)}</td>
                  <td>
                    {entry.actor?.name ?? 'System'}
                    {entry.tokenId ? <span className="muted small"> (API token)</span> : null}
                  </td>
                  <td>
                    {actionLabel(entry.action)}
                    <div className="muted small">
                      <code>{entry.action}</code>
                    </div>
                  </td>
                  <td>
                    <Subject entry={entry} />
                  </td>
                  <td className="audit-details">
                    <Changes entry={entry} />
                  </td>
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
