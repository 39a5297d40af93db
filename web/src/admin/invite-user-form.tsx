import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type NewUser, usersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { type Role, roles } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { roleLabel } from '../format/labels';
import { currencyDigits, decimalToMinor } from '../format/money';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

export function InviteUserForm() {
  const me = useCurrentUser();
  const empty = { name: '', email: '', role: 'agent' as Role, password: '', limit: '', currency: me.approvalLimit.currency };
  const [form, setForm] = useState(empty);
  const [localError, setLocalError] = useState<string | undefined>();
  const [created, setCreated] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (user: NewUser) => usersApi.create(user),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      setCreated(`${user.name} can now sign in with ${user.email}. Share the temporary password with them in person.`);
      setForm(empty);
    },
  });

  const set = (key: keyof typeof empty) => (event: { target: { value: string } }) =>
    setForm((old) => ({ ...old, [key]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setLocalError(undefined);
    const user: NewUser = { name: form.name.trim(), email: form.email.trim(), role: form.role, password: form.password };
    if (form.limit.trim()) {
      const currency = form.currency.trim().toUpperCase();
      const amountMinor = decimalToMinor(form.limit, currencyDigits(currency));
      if (amountMinor === null || amountMinor < 0) {
        setLocalError('Write the limit as a plain amount, like 500 or 250.50.');
        return;
      }
      user.approvalLimit = { amountMinor, currency };
    }
    create.mutate(user);
  };

  const error = (field: string) => fieldError(create.error, field);

  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="invite-title" noValidate>
      <h2 id="invite-title">Invite someone</h2>
      <ErrorMessage
        error={create.error}
        fields={['name', 'email', 'role', 'password', 'approvalLimit', 'amountMinor', 'currency']}
      />
      <div className="form-grid">
        <Field label="Name" error={error('name')}>
          <input value={form.name} onChange={set('name')} required autoComplete="off" />
        </Field>
        <Field label="Email" error={error('email')}>
          <input type="email" value={form.email} onChange={set('email')} required autoComplete="off" />
        </Field>
        <Field label="Role" error={error('role')}>
          <select value={form.role} onChange={set('role')}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Temporary password"
          hint="At least 12 characters, not a common one; they change it under My account"
          error={error('password')}
        >
          <input type="text" value={form.password} onChange={set('password')} required autoComplete="new-password" />
        </Field>
        <Field
          label="Approval limit"
          hint="The most they may approve alone; empty for the default"
          error={localError ?? error('approvalLimit') ?? error('amountMinor')}
        >
          <input inputMode="decimal" value={form.limit} onChange={set('limit')} />
        </Field>
        <Field label="Limit currency" error={error('currency')}>
          <input value={form.currency} onChange={set('currency')} maxLength={3} />
        </Field>
      </div>
      <button type="submit" className="button-primary" disabled={create.isPending}>
        {create.isPending ? 'Inviting…' : 'Invite'}
      </button>
      {created ? (
        <p className="success" role="status">
          {created}
        </p>
      ) : null}
    </form>
  );
}
