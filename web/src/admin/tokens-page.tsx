import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { tokensApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type ApiToken, type Role, roles } from '../api/types';
import { roleLabel } from '../format/labels';
import { formatDateTime } from '../format/time';
import { usePageTitle } from '../shell/use-page-title';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { QueryState } from '../ui/states';
import { SecretReveal } from './secret-reveal';

export function TokensPage() {
  usePageTitle('API tokens');
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: queryKeys.tokens, queryFn: tokensApi.list, select: (data) => data.items });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: () => tokensApi.create(name.trim(), role),
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
        <ErrorMessage error={create.error} fields={['name', 'role']} />
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
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id} data-testid="token-row" className={token.revokedAt ? 'row-inactive' : undefined}>
                  <th scope="row">{token.name}</th>
                  <td>{roleLabel(token.role)}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
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
