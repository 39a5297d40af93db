import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { queryKeys } from '../api/query-keys';
import { useCurrentUser } from '../auth/session';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { ErrorMessage } from '../ui/error-message';
import { Field } from '../ui/field';
import { QueryState } from '../ui/states';
import { type ErasureRequest, type ErasureStatus, privacyApi, privacyKeys } from './privacy-api';

/** Managers and admins decide erasure requests here; admins also set retention. */
export function PrivacyPage() {
  usePageTitle('Privacy');
  const user = useCurrentUser();
  return (
    <section className="page privacy-page" aria-labelledby="privacy-title">
      <div className="page-header">
        <h1 id="privacy-title">Privacy</h1>
      </div>
      <ErasureRequests />
      {user.role === 'admin' ? <RetentionSettings /> : null}
    </section>
  );
}

const statusWords: Record<ErasureStatus, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
};

function ErasureRequests() {
  const [status, setStatus] = useState<ErasureStatus>('pending');
  const requests = useQuery({ queryKey: privacyKeys.erasureRequests(status), queryFn: () => privacyApi.erasureRequests(status) });
  return (
    <section className="card" aria-labelledby="erasure-title">
      <h2 id="erasure-title">Erasure requests</h2>
      <p className="muted">
        A manager or admin proposes erasing a customer from their page; a different manager or admin approves or rejects it here.
        Approval anonymises the customer at once and cannot be undone.
      </p>
      <label className="privacy-filter">
        <span>Show</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as ErasureStatus)}>
          {(Object.keys(statusWords) as ErasureStatus[]).map((value) => (
            <option key={value} value={value}>
              {statusWords[value]}
            </option>
          ))}
        </select>
      </label>
      <QueryState
        isPending={requests.isPending}
        error={requests.error}
        empty={requests.data?.items.length === 0 ? 'No requests.' : false}
      />
      {requests.data && requests.data.items.length > 0 ? (
        <ul className="erasure-list">
          {requests.data.items.map((request) => (
            <ErasureRequestItem key={request.id} request={request} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ErasureRequestItem({ request }: { request: ErasureRequest }) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => privacyApi.decide(request.id, decision, note),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: privacyKeys.allErasureRequests });
      void queryClient.invalidateQueries({ queryKey: queryKeys.customer(request.customerId) });
    },
  });
  const own = request.requestedBy.id === user.id;
  return (
    <li className="erasure-item" data-testid="erasure-request">
      <p>
        <Link to={`/customers/${request.customerId}`}>{request.customerName}</Link> — requested by {request.requestedBy.name} on{' '}
        <time dateTime={request.requestedAt}>{formatDateTime(request.requestedAt)}</time>
      </p>
      <p>
        <strong>Reason:</strong> {request.reason}
      </p>
      {request.status !== 'pending' ? (
        <p>
          {statusWords[request.status]} by {request.decidedBy?.name ?? 'someone'}
          {request.decisionNote ? `: ${request.decisionNote}` : ''}
        </p>
      ) : own ? (
        <p className="muted">You proposed this; a different manager or admin decides it.</p>
      ) : (
        <div>
          <Field label="Note (optional)">
            <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />
          </Field>
          {confirming ? (
            <div className="button-row">
              <span>Erase {request.customerName} for good?</span>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="button-danger"
                disabled={decide.isPending}
                onClick={() => decide.mutate('approve')}
              >
                Yes, erase now
              </button>
            </div>
          ) : (
            <div className="button-row">
              <button type="button" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
                Reject
              </button>
              <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
                Approve…
              </button>
            </div>
          )}
          <ErrorMessage error={decide.error} />
        </div>
      )}
    </li>
  );
}

function RetentionSettings() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: privacyKeys.settings, queryFn: privacyApi.settings });
  const [months, setMonths] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: number | null) => privacyApi.saveSettings(value),
    onSuccess: (saved) => {
      queryClient.setQueryData(privacyKeys.settings, saved);
      setMonths(null);
    },
  });
  const current = settings.data?.retentionMonths ?? null;
  const shown = months ?? (current === null ? '' : String(current));
  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      <p className="muted">
        Anonymise the messages, attachments and e-mail records of conversations resolved or closed longer than a number of months.
        Runs once a day. Off by default.
      </p>
      <QueryState isPending={settings.isPending} error={settings.error} />
      {settings.data ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(shown.trim() === '' ? null : Number(shown));
          }}
        >
          <p data-testid="retention-state">
            {current === null ? 'Retention is off.' : `Conversations closed longer than ${current} months are anonymised.`}
          </p>
          <Field label="Months (leave empty to turn off)">
            <input type="number" min={1} max={600} value={shown} onChange={(event) => setMonths(event.target.value)} />
          </Field>
          <ErrorMessage error={save.error} fields={['retentionMonths']} />
          <div className="button-row">
            <button type="submit" className="button-primary" disabled={save.isPending}>
              Save retention
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
