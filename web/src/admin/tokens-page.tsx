import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { tokensApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type ApiToken, type Role, roles, type TokenStatus } from '../api/types';
import { roleLabel } from '../format/labels';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { QueryState } from '../ui/states';
import { SecretReveal } from './secret-reveal';

// How long a new token lives; integrations that must run unattended can choose "never".
const lifetimes = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never expires' },
] as const;

const statusText: Record<TokenStatus, string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
  suspended: 'Suspended: its creator no longer holds this role',
};

export function TokensPage() {
  usePageTitle('API tokens');
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: tokensApi.list, select: (data) => data.items });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [lifetime, setLifetime] = useState<(typeof lifetimes)[number]['value']>('90');
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: () =>
      tokensApi.create(
        name.trim(),
        role,
        lifetime === 'never' ? null : new Date(Date.now() + Number(lifetime) * 86_400_000).toISOString(),
      ),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => tokensApi.revoke(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <section className="page" aria-labelledby="tokens-title">
      <div className="page-header">
        <h1 id="tokens-title">API tokens</h1>
      </div>
      <p className="muted">Tokens let other systems talk to Defuse. Give each one only the role it needs.</p>
      <form className="card" onSubmit={onSubmit} aria-labelledby="new-token-title" noValidate>
        <h2 id="new-token-title">New token</h2>
        <ErrorMessage error={create.error} fields={['name', 'role', 'expiresAt']} />
        <div className="form-grid">
          <Field label="Name" hint="What uses it, like “Shop webhook”" error={fieldError(create.error, 'name')}>
            <input value={name} onChange={(event) => setName(event.target.value)} required />
          </Field>
          <Field label="Role" error={fieldError(create.error, 'role')}>
            <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {roles.map((value) => (
                <option key={value} value={value}>
                  {roleLabel(value)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Expires"
            hint="A token stops when it expires, or when its creator no longer holds its role."
            error={fieldError(create.error, 'expiresAt')}
          >
            <select value={lifetime} onChange={(event) => setLifetime(event.target.value as typeof lifetime)}>
              {lifetimes.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className="button-primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
        {create.data ? <SecretReveal name={create.data.token.name} secret={create.data.secret} /> : null}
      </form>
      <ErrorMessage error={revoke.error} />
      <QueryState
        isPending={tokens.isPending}
        error={tokens.error}
        empty={tokens.isSuccess && tokens.data.length === 0 && 'No tokens yet.'}
      />
      {tokens.data && tokens.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr
                  key={token.id}
                  data-testid="token-row"
                  className={token.status === 'active' ? undefined : 'row-inactive'}
                  data-status={token.status}
                >
                  <th scope="row">{token.name}</th>
                  <td>{roleLabel(token.role)}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>
                    {formatDateTime(token.createdAt)}
                    <div className="muted small">by {token.createdBy.name}</div>
                  </td>
                  <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                  <td>{statusText[token.status]}</td>
                  <td>
                    {token.revokedAt ? (
                      <span>Revoked {formatDateTime(token.revokedAt)}</span>
                    ) : (
                      <button
                        type="button"
                        className="button-danger-quiet"
                        onClick={() => setRevoking(token)}
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke"
        danger
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id);
          setRevoking(null);
        }}
      >
        <p>Anything using this token stops working at once.</p>
      </ConfirmDialog>
    </section>
  );
}
