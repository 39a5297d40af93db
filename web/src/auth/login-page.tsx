import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { safeNextPath, useSession } from './session';

const codeNeeded = '/problems/two-factor-required';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // Second step: the password was right and the account uses an authenticator app.
  const [askCode, setAskCode] = useState(false);
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const emailRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  const login = useMutation({
    mutationFn: () => authApi.login(email.trim(), password, askCode ? code.trim() : undefined),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, result);
      navigate(result.twoFactorEnrolmentRequired ? '/account' : next, { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.type === codeNeeded) setAskCode(true);
    },
  });

  const needsCodeNow = login.error instanceof ApiError && login.error.type === codeNeeded;

  useEffect(() => {
    if (!login.error) return;
    if (askCode) codeRef.current?.focus();
    else emailRef.current?.focus();
  }, [login.error, askCode]);

  useEffect(() => {
    document.title = 'Sign in · Defuse';
  }, []);

  if (session.data && !login.isPending)
    return <Navigate to={session.data.twoFactorEnrolmentRequired ? '/account' : next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  const startOver = () => {
    setAskCode(false);
    setCode('');
    setPassword('');
    login.reset();
  };

  return (
    <main className="login-page" id="main">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby="login-title" noValidate>
        <p className="brand brand-large" aria-hidden="true">
          Defuse
        </p>
        <h1 id="login-title">{askCode ? 'Enter your code' : 'Sign in'}</h1>
        {askCode ? (
          <p className="muted">Open your authenticator app and enter the 6-digit code for Defuse ({email.trim()}).</p>
        ) : (
          <p className="muted">Welcome back. Your inbox is waiting.</p>
        )}
        {needsCodeNow ? null : <ErrorMessage error={login.error} fields={askCode ? ['code'] : ['email', 'password']} />}
        {askCode ? (
          <Field label="Authentication code" error={needsCodeNow ? undefined : fieldError(login.error, 'code')}>
            <input
              ref={codeRef}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
            />
          </Field>
        ) : (
          <>
            <Field label="Email" error={fieldError(login.error, 'email')}>
              <input
                ref={emailRef}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </Field>
            <Field label="Password" error={fieldError(login.error, 'password')}>
              <input
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Field>
          </>
        )}
        <button type="submit" className="button-primary button-wide" disabled={login.isPending || (askCode && code.length !== 6)}>
          {login.isPending ? 'Signing in…' : askCode ? 'Verify and sign in' : 'Sign in'}
        </button>
        {askCode ? (
          <button type="button" className="button-quiet button-wide" onClick={startOver}>
            Use another account
          </button>
        ) : null}
      </form>
    </main>
  );
}
