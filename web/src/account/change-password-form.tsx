import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

export function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => authApi.changePassword(currentPassword, newPassword),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.ownSessions });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differs = newPassword !== repeat;
    setMismatch(differs);
    if (!differs) change.mutate();
  };

  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="password-title" noValidate>
      <h2 id="password-title">Change password</h2>
      <p className="muted">At least 12 characters, and not a commonly used password. A short sentence works well.</p>
      <ErrorMessage error={change.error} fields={['currentPassword', 'newPassword']} />
      <div className="form-grid">
        <Field label="Current password" error={fieldError(change.error, 'currentPassword')}>
          <input
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            required
          />
        </Field>
        <Field label="New password" error={fieldError(change.error, 'newPassword')}>
          <input
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNewPassword(event.target.value)}
            required
            minLength={12}
          />
        </Field>
        <Field label="Repeat new password" error={mismatch ? 'does not match the new password' : undefined}>
          <input
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
            required
          />
        </Field>
      </div>
      <button type="submit" className="button-primary" disabled={change.isPending || !currentPassword || !newPassword}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
      {change.data ? (
        <p className="success" role="status">
          Password changed.{' '}
          {change.data.endedSessions === 1
            ? 'Your one other session was signed out.'
            : `${change.data.endedSessions} other sessions were signed out.`}
        </p>
      ) : null}
    </form>
  );
}
