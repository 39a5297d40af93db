import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { setCsrfToken } from '../api/client';
import { authApi } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { ErrorMessage, fieldError } from '../ui/error-message';
import { Field } from '../ui/field';
import { safeNextPath, useSession } from './session';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const emailRef = useRef<HTMLInputElement>(null);

  const login = useMutation({
    mutationFn: () => authApi.login(email.trim(), password),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, result);
      navigate(next, { replace: true });
    },
  });

  useEffect(() => {
    if (login.error) emailRef.current?.focus();
  }, [login.error]);

  useEffect(() => {
    document.title = 'Sign in · Defuse';
  }, []);

  if (session.data && !login.isPending) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  return (
    <main className="login-page" id="main">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby="login-title" noValidate>
        <p className="brand brand-large" aria-hidden="true">
          Defuse
        </p>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Welcome back. Your inbox is waiting.</p>
        <ErrorMessage error={login.error} fields={['email', 'password']} />
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
        <button type="submit" className="button-primary button-wide" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
