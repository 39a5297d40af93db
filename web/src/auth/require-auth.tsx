import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { useSession } from './session';

/** Sends signed-out visitors to the sign-in page, remembering where they were going. */
export function RequireAuth() {
  const { data, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <Loading label="Opening Defuse…" />;
  if (error) {
    return (
      <main className="centered-page" id="main">
        <ErrorMessage error={error} />
        <button type="button" onClick={() => refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (!data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A role that must use a second factor can only set one up until it has.
  if (data.twoFactorEnrolmentRequired && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <Outlet />;
}

export function RequireAdmin() {
  const { data } = useSession();
  if (data?.user.role !== 'admin') {
    return (
      <section className="page" aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">This page is for admins</h1>
        <p>Ask an admin if you need something changed here.</p>
      </section>
    );
  }
  return <Outlet />;
}

/** Pages for some roles only (the script library is for QA and admins). */
export function RequireRole({ roles, what }: { roles: readonly string[]; what: string }) {
  const { data } = useSession();
  if (!data || !roles.includes(data.user.role)) {
    return (
      <section className="page" aria-labelledby="not-allowed-title">
        <h1 id="not-allowed-title">This page is for {what}</h1>
        <p>Ask one of them if you need something changed here.</p>
      </section>
    );
  }
  return <Outlet />;
}
