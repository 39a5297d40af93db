import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type UserChanges, usersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type Role, roles, type User } from '../api/types';
import { roleLabel } from '../format/labels';
import { currencyDigits, decimalToMinor, formatMoney, minorToDecimal } from '../format/money';
import { formatDateTime } from '../format/time';
import { ErrorMessage } from '../ui/error-message';
import { ResetAccess } from './reset-password';

export function UserRow({ user, isMe }: { user: User; isMe: boolean }) {
  const queryClient = useQueryClient();
  const digits = currencyDigits(user.approvalLimit.currency);
  const [limit, setLimit] = useState(() => minorToDecimal(user.approvalLimit.amountMinor, digits));
  const [limitError, setLimitError] = useState<string | undefined>();
  const update = useMutation({
    mutationFn: (changes: UserChanges) => usersApi.update(user.id, changes),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ items: User[] }>(queryKeys.users, (old) =>
        old ? { items: old.items.map((item) => (item.id === updated.id ? updated : item)) } : old,
      );
      setLimit(minorToDecimal(updated.approvalLimit.amountMinor, currencyDigits(updated.approvalLimit.currency)));
    },
  });

  const saveLimit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = decimalToMinor(limit, digits);
    if (amountMinor === null || amountMinor < 0) {
      setLimitError('Use a plain amount, like 500 or 250.50.');
      return;
    }
    setLimitError(undefined);
    update.mutate({ approvalLimit: { amountMinor, currency: user.approvalLimit.currency } });
  };

  const limitChanged = decimalToMinor(limit, digits) !== user.approvalLimit.amountMinor;

  return (
    <tr data-testid="user-row" data-user-id={user.id} className={user.active ? undefined : 'row-inactive'}>
      <th scope="row">
        {user.name}
        {isMe ? <span className="muted"> (you)</span> : null}
        <div className="muted small">{user.email}</div>
      </th>
      <td>
        <select
          aria-label={`Role for ${user.name}`}
          value={user.role}
          disabled={update.isPending || isMe}
          onChange={(event) => update.mutate({ role: event.target.value as Role })}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <form className="inline-form" onSubmit={saveLimit}>
          <input
            aria-label={`Approval limit for ${user.name}, in ${user.approvalLimit.currency}`}
            inputMode="decimal"
            className="input-narrow"
            value={limit}
            onChange={(event) => setLimit(event.target.value)}
            aria-invalid={limitError ? true : undefined}
          />
          <span className="muted">{user.approvalLimit.currency}</span>
          {limitChanged ? (
            <button type="submit" disabled={update.isPending}>
              Save
            </button>
          ) : (
            <span className="visually-hidden">{formatMoney(user.approvalLimit)}</span>
          )}
        </form>
        {limitError ? <p className="field-error">{limitError}</p> : null}
      </td>
      <td>
        {user.active ? 'Active' : 'Deactivated'}
        {user.twoFactorEnabled ? <div className="muted small">Two-factor on</div> : null}
      </td>
      <td>{formatDateTime(user.lastSignInAt)}</td>
      <td>
        {isMe ? null : (
          <button
            type="button"
            className={user.active ? 'button-danger-quiet' : undefined}
            disabled={update.isPending}
            onClick={() => update.mutate({ active: !user.active })}
            aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
          >
            {user.active ? 'Deactivate' : 'Reactivate'}
          </button>
        )}
        <ErrorMessage error={update.error} />
        {user.active ? <ResetAccess user={user} /> : null}
      </td>
    </tr>
  );
}
