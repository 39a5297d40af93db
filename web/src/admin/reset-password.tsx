import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { usersApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { User } from '../api/types';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

/** An admin sets a new temporary password (the user's sessions end) or clears a lost second factor. */
export function ResetAccess({ user }: { user: User }) {
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const reset = useMutation({
    mutationFn: () => usersApi.update(user.id, { password }),
    onSuccess: () => {
      setPassword('');
      setDone(`New password set; ${user.name} was signed out everywhere. Tell them the new password in person or by phone.`);
      void refresh();
    },
  });
  const clearTwoFactor = useMutation({
    mutationFn: () => usersApi.update(user.id, { resetTwoFactor: true }),
    onSuccess: () => {
      setDone(`Two-factor sign-in removed for ${user.name}; they can set it up again under My account.`);
      void refresh();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    reset.mutate();
  };
  return (
    <details className="reset-access">
      <summary>Reset access</summary>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <Field label={`New temporary password for ${user.name}`} error={fieldError(reset.error, 'password')}>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <button type="submit" disabled={reset.isPending || password.length === 0}>
          Reset password
        </button>
      </form>
      <ErrorMessage error={reset.error} fields={['password']} />
      {user.twoFactorEnabled ? (
        <button
          type="button"
          className="button-danger-quiet"
          disabled={clearTwoFactor.isPending}
          onClick={() => clearTwoFactor.mutate()}
        >
          Remove two-factor sign-in
        </button>
      ) : null}
      <ErrorMessage error={clearTwoFactor.error} />
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
    </details>
  );
}
