import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { Session } from '../api/types';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';

/** Groups a base32 secret in fours so it can be typed into an app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function CodeField({ value, onChange, error }: { value: string; onChange(value: string): void; error: string | undefined }) {
  return (
    <Field label="Code from your app" error={error}>
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        className="input-narrow"
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))}
        required
      />
    </Field>
  );
}

export function TwoFactorCard({ enabled }: { enabled: boolean }) {
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const updateSession = (user: Session['user']) => {
    queryClient.setQueryData<Session | null>(queryKeys.me, (old) =>
      old ? { ...old, user, twoFactorEnrolmentRequired: false } : old,
    );
    setCode('');
  };
  const start = useMutation({ mutationFn: () => authApi.startTwoFactor() });
  const confirm = useMutation({
    mutationFn: () => authApi.confirmTwoFactor(code),
    onSuccess: (result) => {
      start.reset();
      updateSession(result.user);
    },
  });
  const disable = useMutation({
    mutationFn: () => authApi.disableTwoFactor(code),
    onSuccess: (result) => updateSession(result.user),
  });

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  const onDisable = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate();
  };

  if (enabled) {
    return (
      <form className="card" onSubmit={onDisable} aria-labelledby="two-factor-title" noValidate>
        <h2 id="two-factor-title">Two-factor sign-in</h2>
        <p data-testid="two-factor-status">
          <strong>On.</strong> Signing in asks for a code from your authenticator app.
        </p>
        {confirm.isSuccess ? (
          <p className="success" role="status">
            Two-factor sign-in is set up.
          </p>
        ) : null}
        <ErrorMessage error={disable.error} fields={['code']} />
        <CodeField value={code} onChange={setCode} error={fieldError(disable.error, 'code')} />
        <button type="submit" className="button-danger-quiet" disabled={disable.isPending || code.length !== 6}>
          Turn off two-factor sign-in
        </button>
      </form>
    );
  }

  return (
    <section className="card" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor sign-in</h2>
      <p data-testid="two-factor-status">
        <strong>Off.</strong> Add an authenticator app (such as Aegis, Google Authenticator or 1Password) so a stolen password
        alone cannot open your account.
      </p>
      {disable.isSuccess ? (
        <p className="success" role="status">
          Two-factor sign-in is off.
        </p>
      ) : null}
      <ErrorMessage error={start.error} />
      {start.data ? (
        <form onSubmit={onConfirm} noValidate>
          <div className="secret-reveal">
            <p>In your app, add an account with this key (shown only now), or open the link on your phone:</p>
            <p>
              <code className="mono" data-testid="totp-secret" data-secret={start.data.secret}>
                {grouped(start.data.secret)}
              </code>
            </p>
            <p>
              <a href={start.data.uri}>Open in authenticator app</a>
            </p>
          </div>
          <ErrorMessage error={confirm.error} fields={['code']} />
          <CodeField value={code} onChange={setCode} error={fieldError(confirm.error, 'code')} />
          <button type="submit" className="button-primary" disabled={confirm.isPending || code.length !== 6}>
            {confirm.isPending ? 'Checking…' : 'Confirm and turn on'}
          </button>
        </form>
      ) : (
        <button type="button" className="button-primary" onClick={() => start.mutate()} disabled={start.isPending}>
          Set up two-factor sign-in
        </button>
      )}
    </section>
  );
}
